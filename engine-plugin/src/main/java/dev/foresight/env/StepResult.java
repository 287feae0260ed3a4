package dev.foresight.env;

/**
 * The outcome of one control step, Gymnasium style.
 *
 * @param observation the observation after the step, {@code [obsDim]}; owned by the caller
 * @param reward the reward for the transition
 * @param terminated the task reached a terminal state
 * @param truncated the episode was cut short: time limit reached, or the physics blew up
 *                  (then {@code physicsFailure} is true)
 * @param physicsFailure the simulation produced a NaN or huge state; the observation is the last
 *                       valid one and the reward is 0
 */
public record StepResult(float[] observation, float reward, boolean terminated, boolean truncated,
                         boolean physicsFailure) {
    /** @return whether the episode is over (terminated or truncated) */
    public boolean done() {
        return terminated || truncated;
    }
}
