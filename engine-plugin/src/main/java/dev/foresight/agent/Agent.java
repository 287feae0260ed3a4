package dev.foresight.agent;

import dev.foresight.env.EnvSpec;
import dev.foresight.model.ensemble.TrainingListener;
import java.io.IOException;

/**
 * An agent acting in an environment: it chooses actions, observes the transitions they cause, and
 * may learn from them. One interface for every kind — random, PETS, and later policy learners,
 * Dyna-Q, MCTS, MuZero — so that the same loops run them: the headless training loop
 * ({@code dev.foresight.algorithm}), the game's control ({@code dev.foresight.jme.AgentControl}) and
 * the real-time shell ({@link LiveAgent}).
 *
 * <p>Per episode: {@link #beginEpisode}, then per control step {@link #act} and {@link #observe}
 * (skipped for a step that ended in a physics failure), then {@link #endEpisode}. Between
 * episodes a loop asks {@link #readyToLearn()} and calls {@link #learn}; an agent that
 * {@link #learnsInBackground() learns in the background} does so on its own threads instead.
 *
 * <p>Action spaces: each agent states in its class comment which kinds of
 * {@link dev.foresight.env.Space} it supports and refuses the others when constructed
 * ({@link EnvSpec#continuousActions}).
 *
 * <p>Threading: the acting methods are called from one thread (the environment's or the game's
 * physics thread); implementations say what else is thread-safe.
 */
public interface Agent extends AutoCloseable {
    /** @return the spec of the environment this agent acts in */
    EnvSpec spec();

    /**
     * Starts an episode.
     *
     * @param obs the first observation, {@code [obsDim]} (unaffected)
     */
    void beginEpisode(float[] obs);

    /**
     * @param obs the current observation, {@code [obsDim]} (unaffected)
     * @param action storage for the chosen action, {@code [actionDim]} (modified)
     */
    void act(float[] obs, float[] action);

    /**
     * Records a control step.
     *
     * @param obs the observation before the step (unaffected)
     * @param action the action the environment applied (after its space's check and clip; unaffected)
     * @param reward the reward
     * @param nextObs the observation after the step (unaffected)
     * @param terminated whether the episode reached a terminal state
     * @param truncated whether the episode was cut short (time limit)
     */
    void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated);

    /** Ends the current episode. */
    void endEpisode();

    /**
     * The character was changed from outside the physics (e.g. a player moved its target): the
     * observation to decide from is now {@code obs}. Nothing by default.
     *
     * @param obs the current observation, {@code [obsDim]} (unaffected)
     */
    default void stateChanged(float[] obs) {
    }

    /** @return whether {@link #learn} should run now (the agent's own schedule); false by default */
    default boolean readyToLearn() {
        return false;
    }

    /**
     * Learns from what was observed, on the calling thread (lock-step).
     *
     * @param listener progress, and a way to cancel by throwing (not null)
     * @throws IOException if a learned artefact cannot be written or read back
     * @throws UnsupportedOperationException if the agent does not learn
     */
    default void learn(TrainingListener listener) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not learn");
    }

    /** @return whether this agent learns on threads of its own (then nobody calls {@link #learn}) */
    default boolean learnsInBackground() {
        return false;
    }

    /** @return what happened in the episode that just ended (call after {@link #endEpisode}) */
    default EpisodeStats episodeStats() {
        return EpisodeStats.NONE;
    }

    /** Releases threads and native resources. Idempotent. */
    @Override
    void close();
}
