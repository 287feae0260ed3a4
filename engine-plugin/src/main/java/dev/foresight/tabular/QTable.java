package dev.foresight.tabular;

import dev.foresight.util.RandomStream;
import java.util.Arrays;

/**
 * Action values {@code Q(s, a)} for S states × A actions, all 0 at the start, with ε-greedy
 * choice that breaks ties uniformly at random (as Sutton &amp; Barto's Dyna experiments do).
 *
 * <p>Not thread-safe.
 */
public final class QTable {
    private final int states;
    private final int actions;
    private final float[] values;
    private final int[] ties;

    /**
     * @param states S (&ge;1)
     * @param actions A (&ge;1)
     */
    public QTable(int states, int actions) {
        if (states < 1 || actions < 1) {
            throw new IllegalArgumentException("a Q table needs states and actions >= 1, got " + states + ", " + actions);
        }
        this.states = states;
        this.actions = actions;
        this.values = new float[states * actions];
        this.ties = new int[actions];
    }

    /** @return S */
    public int states() {
        return states;
    }

    /** @return A */
    public int actions() {
        return actions;
    }

    /** @return {@code Q(s, a)} */
    public float get(int s, int a) {
        return values[s * actions + a];
    }

    /** Sets {@code Q(s, a)}. */
    public void set(int s, int a, float value) {
        values[s * actions + a] = value;
    }

    /** @return {@code max_a Q(s, a)} */
    public float max(int s) {
        float best = values[s * actions];
        for (int a = 1; a < actions; a++) {
            best = Math.max(best, values[s * actions + a]);
        }
        return best;
    }

    /**
     * @param s the state
     * @param random breaks ties (not null)
     * @return an action of highest value, uniformly among ties
     */
    public int greedy(int s, RandomStream random) {
        float best = max(s);
        int n = 0;
        for (int a = 0; a < actions; a++) {
            if (values[s * actions + a] == best) {
                ties[n++] = a;
            }
        }
        return n == 1 ? ties[0] : ties[random.nextInt(n)];
    }

    /**
     * @param s the state
     * @param epsilon the probability of a uniformly random action
     * @param random the stream (not null)
     * @return a random action with probability ε, else {@link #greedy}
     */
    public int epsilonGreedy(int s, float epsilon, RandomStream random) {
        if (epsilon > 0 && random.nextDouble() < epsilon) {
            return random.nextInt(actions);
        }
        return greedy(s, random);
    }

    /**
     * The Q-learning (sample) update {@code Q(s,a) += α[r + γ·max Q(s′) − Q(s,a)]}, not bootstrapped
     * when the transition ended the episode.
     */
    public void update(int s, int a, float reward, int next, boolean ended, float alpha, float gamma) {
        float target = reward + (ended ? 0f : gamma * max(next));
        int i = s * actions + a;
        values[i] += alpha * (target - values[i]);
    }

    /**
     * The greedy action, ties to the lowest index (deterministic; for evaluating a policy).
     *
     * @param s the state
     * @return the first action of highest value
     */
    public int firstGreedy(int s) {
        int best = 0;
        for (int a = 1; a < actions; a++) {
            if (values[s * actions + a] > values[s * actions + best]) {
                best = a;
            }
        }
        return best;
    }

    /** @return a copy of all values, {@code [S × A]} row-major */
    public float[] values() {
        return values.clone();
    }

    /** Sets every value to 0. */
    public void clear() {
        Arrays.fill(values, 0f);
    }
}
