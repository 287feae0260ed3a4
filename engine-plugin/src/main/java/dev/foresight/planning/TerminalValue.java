package dev.foresight.planning;

/**
 * The value of reaching a terminal state, added to an imagined rollout's return where the model
 * predicts that the episode ends. Without it, a planner facing per-step penalties prefers ending
 * the episode early (nothing more is charged after termination); with a penalty (or, later, a
 * learned value) it weighs the end against what it gives up.
 *
 * <p>Implementations are stateless and thread-safe; evaluated on batches like the reward.
 */
@FunctionalInterface
public interface TerminalValue {
    /**
     * @param terminalObs the observations where rollouts terminated, {@code [batch × obsDim]}; rows
     *                    that did not terminate hold other states and their values are ignored (unaffected)
     * @param batch number of rows (&ge;1)
     * @param values storage for one value per row, {@code [batch]} (modified)
     */
    void values(float[] terminalObs, int batch, float[] values);

    /**
     * @param value the value of every terminal state, e.g. −100 for a fall
     * @return a constant terminal value
     */
    static TerminalValue constant(float value) {
        return (obs, batch, values) -> java.util.Arrays.fill(values, 0, batch, value);
    }
}
