package dev.foresight.tabular;

import dev.foresight.util.RandomStream;
import java.util.Arrays;

/**
 * A count-based distribution model (Sutton &amp; Barto section 8.1, "distribution models"):
 * {@code p̂(s′ | s, a) = N(s, a, s′) / N(s, a)} with the mean reward of each outcome. It answers as
 * a <b>sample</b> model ({@link #sample}: draw s′ by its counts) or as an <b>expectation</b> model
 * (the outcomes and their probabilities: {@link #outcomes}, {@link #probability}), for expected
 * updates.
 *
 * <p>Not thread-safe.
 */
public final class CountModel {
    /** One drawn outcome (reused by {@link #sample}). */
    public static final class Outcome {
        /** The next state. */
        public int next;
        /** Its mean reward. */
        public float reward;
        /** Whether it ended the episode. */
        public boolean terminal;
    }

    private final int states;
    private final int actions;
    private final int[] total;
    private final int[][] successors;
    private final int[][] counts;
    private final float[][] rewardSums;
    private final boolean[][] terminal;
    private final int[] outcomeCount;

    /**
     * @param states S (&ge;1)
     * @param actions A (&ge;1)
     */
    public CountModel(int states, int actions) {
        this.states = states;
        this.actions = actions;
        int pairs = states * actions;
        this.total = new int[pairs];
        this.successors = new int[pairs][];
        this.counts = new int[pairs][];
        this.rewardSums = new float[pairs][];
        this.terminal = new boolean[pairs][];
        this.outcomeCount = new int[pairs];
    }

    /** Counts a real transition. */
    public void update(int s, int a, float r, int sNext, boolean ended) {
        int i = s * actions + a;
        int k = find(i, sNext);
        if (k < 0) {
            k = outcomeCount[i]++;
            if (successors[i] == null || k == successors[i].length) {
                int size = successors[i] == null ? 2 : 2 * successors[i].length;
                successors[i] = successors[i] == null ? new int[size] : Arrays.copyOf(successors[i], size);
                counts[i] = counts[i] == null ? new int[size] : Arrays.copyOf(counts[i], size);
                rewardSums[i] = rewardSums[i] == null ? new float[size] : Arrays.copyOf(rewardSums[i], size);
                terminal[i] = terminal[i] == null ? new boolean[size] : Arrays.copyOf(terminal[i], size);
            }
            successors[i][k] = sNext;
        }
        counts[i][k]++;
        rewardSums[i][k] += r;
        terminal[i][k] = ended;
        total[i]++;
    }

    /** @return S */
    public int states() {
        return states;
    }

    /** @return A */
    public int actions() {
        return actions;
    }

    /** @return {@code N(s, a)} */
    public int count(int s, int a) {
        return total[s * actions + a];
    }

    /** @return how many different next states {@code (s, a)} has led to */
    public int outcomes(int s, int a) {
        return outcomeCount[s * actions + a];
    }

    /** @return the k-th next state seen after {@code (s, a)} */
    public int next(int s, int a, int k) {
        return successors[s * actions + a][k];
    }

    /** @return {@code p̂(k-th next state | s, a)} */
    public float probability(int s, int a, int k) {
        int i = s * actions + a;
        return (float) counts[i][k] / total[i];
    }

    /** @return the mean reward of the k-th outcome of {@code (s, a)} */
    public float reward(int s, int a, int k) {
        int i = s * actions + a;
        return rewardSums[i][k] / counts[i][k];
    }

    /** @return whether the k-th outcome of {@code (s, a)} ended the episode */
    public boolean terminal(int s, int a, int k) {
        return terminal[s * actions + a][k];
    }

    /**
     * The expected update's target {@code Σ p̂(s′|s,a)[r̄ + γ·max Q(s′)]} (terminal outcomes not
     * bootstrapped) over every outcome seen after {@code (s, a)}.
     *
     * @return the target (0 for a pair never tried)
     */
    public float expectedTarget(int s, int a, QTable q, float gamma) {
        int i = s * actions + a;
        float target = 0f;
        for (int k = 0; k < outcomeCount[i]; k++) {
            float value = rewardSums[i][k] / counts[i][k] + (terminal[i][k] ? 0f : gamma * q.max(successors[i][k]));
            target += (float) counts[i][k] / total[i] * value;
        }
        return target;
    }

    /**
     * Draws an outcome of {@code (s, a)} by its counts (the pair must have been tried).
     *
     * @param out where to write it (modified)
     * @return {@code out}
     */
    public Outcome sample(int s, int a, RandomStream random, Outcome out) {
        int i = s * actions + a;
        if (total[i] == 0) {
            throw new IllegalStateException("(" + s + ", " + a + ") was never tried: the model knows nothing of it");
        }
        int draw = random.nextInt(total[i]);
        int k = 0;
        while (draw >= counts[i][k]) {
            draw -= counts[i][k++];
        }
        out.next = successors[i][k];
        out.reward = rewardSums[i][k] / counts[i][k];
        out.terminal = terminal[i][k];
        return out;
    }

    private int find(int i, int sNext) {
        for (int k = 0; k < outcomeCount[i]; k++) {
            if (successors[i][k] == sNext) {
                return k;
            }
        }
        return -1;
    }
}
