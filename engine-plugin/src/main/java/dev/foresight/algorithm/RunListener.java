package dev.foresight.algorithm;

import dev.foresight.agent.EpisodeStats;

/** Hears what a {@link TrainingRun} does; every method does nothing by default. Called on the run's thread. */
public interface RunListener {
    /** Hears nothing. */
    RunListener NONE = new RunListener() {
    };

    /**
     * @param row the episode's metrics row (also written to {@code metrics.csv})
     * @param stats what the agent reported about the episode
     */
    default void onEpisode(EpisodeRow row, EpisodeStats stats) {
    }

    /**
     * Hears every step of an episode played one environment at a time (a run of a
     * {@link dev.foresight.agent.VectorAgent} reports episodes only). Keep it cheap.
     *
     * @param episode the episode (1-based)
     * @param step steps taken in it so far (1-based)
     * @param maxEpisodeSteps the environment's episode length limit
     */
    default void onStep(int episode, int step, int maxEpisodeSteps) {
    }

    /** @param text a line worth showing a user */
    default void onMessage(String text) {
    }
}
