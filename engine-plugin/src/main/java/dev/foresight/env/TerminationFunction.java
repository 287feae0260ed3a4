package dev.foresight.env;

/**
 * Whether a transition ends the episode (a terminal state of the task, not a time limit),
 * evaluated on batches like {@link RewardFunction}. Stateless and thread-safe.
 */
@FunctionalInterface
public interface TerminationFunction {
    /** Never terminates: the episode only ends by truncation. */
    TerminationFunction NEVER = (obs, action, nextObs, batch, terminated) -> java.util.Arrays.fill(terminated, 0, batch, false);

    /**
     * @param obs observations before the step, {@code [batch × obsDim]} (unaffected)
     * @param action actions taken, {@code [batch × actionDim]} (unaffected)
     * @param nextObs observations after the step, {@code [batch × obsDim]} (unaffected)
     * @param batch number of rows (&ge;0)
     * @param terminated storage for one flag per row, {@code [batch]} (modified)
     */
    void terminated(float[] obs, float[] action, float[] nextObs, int batch, boolean[] terminated);
}
