package dev.foresight.policy.ppo;

import java.util.Arrays;

/**
 * What a {@link PpoLearner} learns from: T steps of N parallel environments (real ones, or rows of
 * a learned model), step-major (row {@code t·N + i}). Per row the observation, the action as the
 * Gaussian sampled it (before any clipping to the bounds — the log-probability is of this), the
 * (scaled) reward, whether the step terminated or was truncated, and for truncated rows the
 * observation reached (to bootstrap from); after the last step, each environment's observation.
 * Rows not {@code valid} (an imagined environment after its episode ended, or a row whose numbers
 * went bad) are ignored by the learner.
 *
 * <p>Threading: not thread-safe; filled by one thread, then handed to {@link PpoLearner#update}.
 */
public final class PpoRollout {
    /** T. */
    public final int steps;
    /** N. */
    public final int envs;
    /** Observation size. */
    public final int obsDim;
    /** Action size. */
    public final int actionDim;
    final float[] obs;
    final float[] actions;
    final float[] rewards;
    final boolean[] terminated;
    final boolean[] truncated;
    final boolean[] valid;
    final float[] finalObs;
    final float[] lastObs;
    private int filled;

    /**
     * @param steps T (&ge;1)
     * @param envs N (&ge;1)
     * @param obsDim observation size (&ge;1)
     * @param actionDim action size (&ge;1)
     */
    public PpoRollout(int steps, int envs, int obsDim, int actionDim) {
        if (steps < 1 || envs < 1 || obsDim < 1 || actionDim < 1) {
            throw new IllegalArgumentException("a PPO rollout needs steps, envs, obsDim and actionDim >= 1, got " + steps
                    + ", " + envs + ", " + obsDim + ", " + actionDim);
        }
        this.steps = steps;
        this.envs = envs;
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        int rows = steps * envs;
        this.obs = new float[rows * obsDim];
        this.actions = new float[rows * actionDim];
        this.rewards = new float[rows];
        this.terminated = new boolean[rows];
        this.truncated = new boolean[rows];
        this.valid = new boolean[rows];
        this.finalObs = new float[rows * obsDim];
        this.lastObs = new float[envs * obsDim];
    }

    /** @return steps recorded since the last {@link #clear} */
    public int filled() {
        return filled;
    }

    /** @return whether all T steps are recorded */
    public boolean full() {
        return filled == steps;
    }

    /** @return rows that count */
    public int validRows() {
        int n = 0;
        for (int r = 0; r < filled * envs; r++) {
            if (valid[r]) {
                n++;
            }
        }
        return n;
    }

    /** Forgets every step. */
    public void clear() {
        filled = 0;
        Arrays.fill(valid, false);
    }

    /**
     * Records one step of all N environments.
     *
     * @param stepObs the observations acted on, {@code [N × obsDim]} (unaffected)
     * @param sampledActions the actions as sampled, {@code [N × actionDim]} (unaffected)
     * @param stepRewards rewards (already scaled, if scaling), {@code [N]} (unaffected)
     * @param stepTerminated {@code [N]} (unaffected)
     * @param stepTruncated {@code [N]} (unaffected)
     * @param nextObs the observations the step reached (for a truncated row: before any reset),
     *                {@code [N × obsDim]} (unaffected)
     * @param stepValid which rows count, {@code [N]}, or null for all (unaffected)
     * @throws IllegalStateException if all T steps are recorded already
     */
    public void record(float[] stepObs, float[] sampledActions, float[] stepRewards, boolean[] stepTerminated,
                       boolean[] stepTruncated, float[] nextObs, boolean[] stepValid) {
        if (full()) {
            throw new IllegalStateException("the rollout holds its " + steps + " steps already; update, then clear it");
        }
        int base = filled * envs;
        System.arraycopy(stepObs, 0, obs, base * obsDim, envs * obsDim);
        System.arraycopy(sampledActions, 0, actions, base * actionDim, envs * actionDim);
        System.arraycopy(stepRewards, 0, rewards, base, envs);
        System.arraycopy(stepTerminated, 0, terminated, base, envs);
        System.arraycopy(stepTruncated, 0, truncated, base, envs);
        for (int i = 0; i < envs; i++) {
            valid[base + i] = stepValid == null || stepValid[i];
            if (stepTruncated[i]) {
                System.arraycopy(nextObs, i * obsDim, finalObs, (base + i) * obsDim, obsDim);
            }
        }
        System.arraycopy(nextObs, 0, lastObs, 0, envs * obsDim);
        filled++;
    }

    /**
     * Marks the last recorded step truncated at {@code reached} unless it already ended its
     * episode — for an episode that stopped without a done step (e.g. a physics failure), so that
     * the next episode's first observation is not taken for its successor.
     *
     * @param reached the observation the last step reached, {@code [envs × obsDim]} (unaffected)
     */
    public void truncateLastIfOpen(float[] reached) {
        if (filled == 0) {
            return;
        }
        int base = (filled - 1) * envs;
        for (int i = 0; i < envs; i++) {
            int row = base + i;
            if (!terminated[row] && !truncated[row]) {
                truncated[row] = true;
                System.arraycopy(reached, i * obsDim, finalObs, row * obsDim, obsDim);
            }
        }
    }
}
