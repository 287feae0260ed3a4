package dev.foresight.muzero;

import dev.foresight.model.latent.ValueTransform;
import dev.foresight.util.RandomStream;
import java.util.Arrays;

/**
 * A minibatch of K-step unrolls and their targets (MuZero's appendix G, "Training"). Row b starts
 * at position t of a game; for unroll step k = 0 … K, with j = t + k:
 * <ul>
 *   <li>value target: the n-step return {@code z_j = Σ_{i<m} γ^i r_{j+i} + γ^m v(o_{j+m})},
 *       m = min(n, T − j), the bootstrap {@code v} given by the caller (a target network's value of
 *       {@link #bootstrapObs}) and 0 when {@code o_{j+m}} is terminal; past the end of a game that
 *       reached a terminal state, 0 (absorbing); past the end of one cut short, no target;</li>
 *   <li>reward target (k ≥ 1): {@code r_{j−1}}, the reward of the action unrolled into step k
 *       (0 past a terminal end, none past a cut);</li>
 *   <li>policy target: the search's visit distribution {@code π_j}; none past the end;</li>
 *   <li>the action unrolled from step k to k + 1: {@code a_j}, or a uniformly random one past the end.</li>
 * </ul>
 * Targets of values and rewards are stored transformed ({@link ValueTransform}). Arrays of unroll
 * steps are laid out {@code [(K+1) × size]} (index {@code k·size + b}); policies
 * {@code [(K+1) × size × actions]}; actions {@code [K × size]}.
 *
 * <p>Threading: one thread.
 */
public final class UnrollBatch {
    private final int size;
    private final int unroll;
    private final int tdSteps;
    private final float discount;
    private final int obsDim;
    private final int actions;
    private final Game[] games;
    private final int[] positions;

    /** First observations, {@code [size × obsDim]}. */
    public final float[] obs;
    /** Actions unrolled, {@code [K × size]}. */
    public final int[] actionIndices;
    /** The observations whose values bootstrap each value target, {@code [(K+1) × size × obsDim]}. */
    public final float[] bootstrapObs;
    /** Transformed value targets, {@code [(K+1) × size]}. */
    public final float[] value;
    /** Transformed reward targets, {@code [(K+1) × size]} (step 0 has none). */
    public final float[] reward;
    /** Policy targets, {@code [(K+1) × size × actions]}. */
    public final float[] policy;
    /** 1 where a value target exists, else 0; {@code [(K+1) × size]}. */
    public final float[] valueMask;
    /** 1 where a reward target exists, else 0; {@code [(K+1) × size]}. */
    public final float[] rewardMask;
    /** 1 where a policy target exists, else 0; {@code [(K+1) × size]}. */
    public final float[] policyMask;

    /**
     * @param size rows (&ge;1)
     * @param unroll K, steps unrolled (&ge;1)
     * @param tdSteps n of the n-step value target (&ge;1)
     * @param discount γ
     * @param obsDim floats per observation
     * @param actions number of actions
     */
    public UnrollBatch(int size, int unroll, int tdSteps, float discount, int obsDim, int actions) {
        if (size < 1 || unroll < 1 || tdSteps < 1) {
            throw new IllegalArgumentException("an unroll batch needs size >= 1, K >= 1 and n >= 1, got " + size + ", "
                    + unroll + ", " + tdSteps);
        }
        this.size = size;
        this.unroll = unroll;
        this.tdSteps = tdSteps;
        this.discount = discount;
        this.obsDim = obsDim;
        this.actions = actions;
        this.games = new Game[size];
        this.positions = new int[size];
        int steps = unroll + 1;
        obs = new float[size * obsDim];
        actionIndices = new int[unroll * size];
        bootstrapObs = new float[steps * size * obsDim];
        value = new float[steps * size];
        reward = new float[steps * size];
        policy = new float[steps * size * actions];
        valueMask = new float[steps * size];
        rewardMask = new float[steps * size];
        policyMask = new float[steps * size];
    }

    /** @return rows */
    public int size() {
        return size;
    }

    /** @return K */
    public int unroll() {
        return unroll;
    }

    /**
     * Points row {@code b} at position {@code t} of {@code game}: its first observation, actions and
     * bootstrap observations (targets come with {@link #computeTargets}).
     *
     * @param b the row
     * @param game a finished game (not null)
     * @param t the position, {@code 0 ≤ t < T}
     * @param random draws the actions unrolled past the end (not null)
     */
    public void setRow(int b, Game game, int t, RandomStream random) {
        int length = game.length();
        if (t < 0 || t >= length) {
            throw new IllegalArgumentException("position " + t + " is outside the game's " + length + " steps");
        }
        games[b] = game;
        positions[b] = t;
        game.obs(t, obs, b * obsDim);
        for (int k = 0; k < unroll; k++) {
            int j = t + k;
            actionIndices[k * size + b] = j < length ? game.action(j) : random.nextInt(actions);
        }
        for (int k = 0; k <= unroll; k++) {
            game.obs(bootstrapIndex(length, t + k), bootstrapObs, (k * size + b) * obsDim);
        }
    }

    /**
     * Fills the targets of every row.
     *
     * @param bootstrapValues the value of each {@link #bootstrapObs} row (returns, not transformed),
     *                        {@code [(K+1) × size]} (unaffected)
     */
    public void computeTargets(float[] bootstrapValues) {
        for (int b = 0; b < size; b++) {
            Game game = games[b];
            int length = game.length();
            int t = positions[b];
            for (int k = 0; k <= unroll; k++) {
                int i = k * size + b;
                int j = t + k;
                if (j < length) {
                    int m = Math.min(tdSteps, length - j);
                    double z = 0;
                    double g = 1;
                    for (int s = 0; s < m; s++) {
                        z += g * game.reward(j + s);
                        g *= discount;
                    }
                    if (!(j + m == length && game.terminated())) {
                        z += g * bootstrapValues[i];
                    }
                    value[i] = ValueTransform.forward((float) z);
                    valueMask[i] = 1f;
                    for (int a = 0; a < actions; a++) {
                        policy[i * actions + a] = game.policy(j, a);
                    }
                    policyMask[i] = 1f;
                } else {
                    value[i] = 0f;
                    valueMask[i] = game.terminated() ? 1f : 0f;
                    Arrays.fill(policy, i * actions, (i + 1) * actions, 1f / actions);
                    policyMask[i] = 0f;
                }
                if (k == 0) {
                    reward[i] = 0f;
                    rewardMask[i] = 0f;
                } else if (j - 1 < length) {
                    reward[i] = ValueTransform.forward(game.reward(j - 1));
                    rewardMask[i] = 1f;
                } else {
                    reward[i] = 0f;
                    rewardMask[i] = game.terminated() ? 1f : 0f;
                }
            }
        }
    }

    private int bootstrapIndex(int length, int j) {
        return Math.min(j + tdSteps, length);
    }
}
