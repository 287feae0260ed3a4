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

    /** @param text a line worth showing a user */
    default void onMessage(String text) {
    }
}
