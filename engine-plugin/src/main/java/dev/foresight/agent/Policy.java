package dev.foresight.agent;

/**
 * Chooses an action for an observation. Implementations say whether they are thread-safe.
 */
@FunctionalInterface
public interface Policy {
    /**
     * @param obs the current observation, {@code [obsDim]} (unaffected)
     * @param action storage for the chosen action, {@code [actionDim]} (modified)
     */
    void act(float[] obs, float[] action);

    /** Called when an episode starts; stateless policies ignore it. */
    default void reset() {
    }
}
