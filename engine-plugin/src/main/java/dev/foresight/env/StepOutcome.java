package dev.foresight.env;

/**
 * A reusable holder for what one step returns besides the observation, filled by
 * {@link Environment#step(float[], float[], int, StepOutcome)} so that hot loops (the vector
 * environments) step without allocating. The fields mean what {@link StepResult}'s do.
 *
 * <p>Threading: none; use one per thread.
 */
public final class StepOutcome {
    private float reward;
    private boolean terminated;
    private boolean truncated;
    private boolean physicsFailure;

    /**
     * Sets every field.
     *
     * @param reward the reward for the transition
     * @param terminated the task reached a terminal state
     * @param truncated the episode was cut short (time limit, or physics failure)
     * @param physicsFailure the simulation blew up
     */
    public void set(float reward, boolean terminated, boolean truncated, boolean physicsFailure) {
        this.reward = reward;
        this.terminated = terminated;
        this.truncated = truncated;
        this.physicsFailure = physicsFailure;
    }

    /** @return the reward for the transition */
    public float reward() {
        return reward;
    }

    /** @return whether the task reached a terminal state */
    public boolean terminated() {
        return terminated;
    }

    /** @return whether the episode was cut short */
    public boolean truncated() {
        return truncated;
    }

    /** @return whether the simulation blew up */
    public boolean physicsFailure() {
        return physicsFailure;
    }

    /** @return whether the episode is over (terminated or truncated) */
    public boolean done() {
        return terminated || truncated;
    }
}
