package dev.foresight.search;

import dev.foresight.util.RandomStream;


/**
 * Leaf values by random rollouts through the model (the classic Monte Carlo evaluation of UCT,
 * Kocsis &amp; Szepesvári 2006): from each leaf, uniformly random actions for up to {@code depth}
 * steps, the discounted rewards summed until the model says the episode ended; with {@code perLeaf}
 * rollouts from each leaf, their mean. All rollouts run together: one batched
 * {@link SearchModel#step} call per depth step.
 *
 * <p>Deterministic for a seed. Threading: the searching thread.
 */
public final class RandomRollouts implements LeafEvaluator {
    private final SearchModel model;
    private final int depth;
    private final int perLeaf;
    private final float discount;
    private final RandomStream random;
    private float[] current = new float[0];
    private float[] next = new float[0];
    private float[] rewards = new float[0];
    private boolean[] terminated = new boolean[0];
    private boolean[] alive = new boolean[0];
    private int[] actions = new int[0];
    private float[] scale = new float[0];
    private float[] returns = new float[0];

    /**
     * @param model the model to roll out in (not null)
     * @param depth steps per rollout (&ge;0; 0: every leaf is worth 0)
     * @param perLeaf rollouts from each leaf, averaged (&ge;1)
     * @param discount γ in [0, 1]
     * @param seed seeds the random actions
     */
    public RandomRollouts(SearchModel model, int depth, int perLeaf, float discount, long seed) {
        if (depth < 0 || perLeaf < 1 || !(discount >= 0 && discount <= 1)) {
            throw new IllegalArgumentException("rollouts need depth >= 0, perLeaf >= 1 and a discount in [0, 1], got depth "
                    + depth + ", perLeaf " + perLeaf + ", discount " + discount);
        }
        this.model = model;
        this.depth = depth;
        this.perLeaf = perLeaf;
        this.discount = discount;
        this.random = new RandomStream(seed);
    }

    @Override
    public void evaluate(float[] states, int n, float[] values) {
        int dim = model.stateDim();
        int rows = n * perLeaf;
        ensure(rows, dim);
        for (int k = 0; k < perLeaf; k++) {
            System.arraycopy(states, 0, current, k * n * dim, n * dim);
        }
        for (int i = 0; i < rows; i++) {
            returns[i] = 0f;
            alive[i] = true;
            scale[i] = 1f;
        }
        for (int t = 0; t < depth; t++) {
            for (int i = 0; i < rows; i++) {
                actions[i] = random.nextInt(model.actions());
            }
            model.step(current, actions, rows, next, rewards, terminated);
            boolean any = false;
            for (int i = 0; i < rows; i++) {
                if (alive[i]) {
                    returns[i] += scale[i] * rewards[i];
                    scale[i] *= discount;
                    alive[i] = !terminated[i];
                    any |= alive[i];
                }
            }
            float[] swap = current;
            current = next;
            next = swap;
            if (!any) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            float sum = 0f;
            for (int k = 0; k < perLeaf; k++) {
                sum += returns[k * n + i];
            }
            values[i] = sum / perLeaf;
        }
    }

    private void ensure(int n, int dim) {
        if (alive.length < n) {
            current = new float[n * dim];
            next = new float[n * dim];
            rewards = new float[n];
            terminated = new boolean[n];
            alive = new boolean[n];
            actions = new int[n];
            scale = new float[n];
            returns = new float[n];
        }
    }
}
