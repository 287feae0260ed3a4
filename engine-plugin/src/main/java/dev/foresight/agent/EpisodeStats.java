package dev.foresight.agent;

import java.util.List;

/**
 * What an agent reports about the episode that just ended, for metrics.
 *
 * @param planned whether it planned with a model during the episode
 * @param horizon the planning horizon it used (0 if it did not plan)
 * @param modelHoldoutNll its model's NLL on the episode's transitions, before learning from them (NaN if none)
 * @param planMillis how long each plan took (in milliseconds; empty if it did not plan)
 * @param learner what a policy learner did ({@link LearnerStats#NONE} for agents without one; not null)
 */
public record EpisodeStats(boolean planned, int horizon, double modelHoldoutNll, List<Double> planMillis,
                           LearnerStats learner) {
    /** Nothing to report. */
    public static final EpisodeStats NONE = new EpisodeStats(false, 0, Double.NaN, List.of());

    public EpisodeStats {
        planMillis = List.copyOf(planMillis);
        java.util.Objects.requireNonNull(learner, "learner");
    }

    /** Stats of an agent without a policy learner. */
    public EpisodeStats(boolean planned, int horizon, double modelHoldoutNll, List<Double> planMillis) {
        this(planned, horizon, modelHoldoutNll, planMillis, LearnerStats.NONE);
    }
}
