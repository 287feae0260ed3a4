package dev.foresight.env;

/**
 * A task's reward as a function of transitions, evaluated on whole batches so that a planner can
 * score imagined rollouts with exactly the reward the real environment pays.
 *
 * <p>Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface RewardFunction {
    /**
     * @param obs observations before the step, {@code [batch × obsDim]} (unaffected)
     * @param action actions taken (already clipped), {@code [batch × actionDim]} (unaffected)
     * @param nextObs observations after the step, {@code [batch × obsDim]} (unaffected)
     * @param batch number of rows (&ge;0)
     * @param rewards storage for one reward per row, {@code [batch]} (modified)
     */
    void reward(float[] obs, float[] action, float[] nextObs, int batch, float[] rewards);
}
