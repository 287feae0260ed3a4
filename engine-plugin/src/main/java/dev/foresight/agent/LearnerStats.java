package dev.foresight.agent;

/**
 * What a policy learner did during an episode, for metrics (NaN or 0 where nothing happened).
 *
 * @param criticLoss mean critic loss of the episode's updates
 * @param actorLoss mean actor loss of the episode's updates
 * @param temperature the entropy temperature α at the episode's end
 * @param entropy mean policy entropy estimate −E[log π] of the episode's updates (nats)
 * @param updates gradient updates so far
 * @param imaginedRows model transitions generated during the episode
 * @param rejectedRows imagined or real rows dropped during the episode for NaN or infinity
 * @param rolloutLength the model rollout length k in use (0 without a model)
 * @param learnSeconds seconds spent learning (model, rollouts, gradient updates) during the episode
 */
public record LearnerStats(double criticLoss, double actorLoss, double temperature, double entropy, long updates,
                           long imaginedRows, long rejectedRows, int rolloutLength, double learnSeconds) {
    /** No learner. */
    public static final LearnerStats NONE = new LearnerStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0);
}
