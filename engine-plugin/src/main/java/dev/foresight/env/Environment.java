package dev.foresight.env;

/**
 * A task an agent acts in, with Gymnasium semantics.
 *
 * <ul>
 *   <li>{@link #reset(long)} starts an episode from a seeded random initial state and returns the
 *       first observation; {@link #reset()} continues the environment's own random stream.</li>
 *   <li>{@link #step(float[])} applies an action for one control step. An action of the wrong
 *       length or containing NaN is an {@link IllegalArgumentException}; components outside the
 *       action space's bounds are clipped to them. Stepping before a reset or after the episode
 *       ended is an {@link IllegalStateException}.</li>
 * </ul>
 *
 * <p>Determinism: the same seed and the same actions give a bit-identical trajectory.
 *
 * <p>Threading: not thread-safe. Physics-backed environments must be created, stepped and closed
 * on one thread.
 */
public interface Environment extends AutoCloseable {
    /** @return the environment's spec (not null, immutable) */
    EnvSpec spec();

    /**
     * Starts an episode.
     *
     * @param seed the seed of the initial state and of later {@link #reset()} calls
     * @return the first observation, {@code [obsDim]} (new array owned by the caller)
     */
    float[] reset(long seed);

    /**
     * Starts another episode, drawing the initial state from the stream seeded by the last
     * {@link #reset(long)} (or from seed 0 if there was none).
     *
     * @return the first observation, {@code [obsDim]}
     */
    float[] reset();

    /**
     * Advances one control step.
     *
     * @param action {@code [actionDim]} (unaffected)
     * @return the outcome (not null)
     */
    StepResult step(float[] action);

    /**
     * Advances one control step like {@link #step(float[])}, writing the observation into
     * {@code observationOut} and the rest into {@code outcome} instead of allocating a result: for
     * loops that step many environments many times (the vector environments). The default calls
     * {@link #step(float[])}; environments on hot paths override it.
     *
     * @param action {@code [actionDim]} (unaffected)
     * @param observationOut receives the observation at {@code [offset, offset + obsDim)} (modified)
     * @param offset where the observation starts in {@code observationOut}
     * @param outcome receives the reward and flags (modified)
     */
    default void step(float[] action, float[] observationOut, int offset, StepOutcome outcome) {
        StepResult result = step(action);
        System.arraycopy(result.observation(), 0, observationOut, offset, result.observation().length);
        outcome.set(result.reward(), result.terminated(), result.truncated(), result.physicsFailure());
    }

    /** Releases native resources. Idempotent. */
    @Override
    void close();
}
