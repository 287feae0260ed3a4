package dev.foresight.agent;

import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.planning.PlannerConfig;

/**
 * Settings of a {@link PetsAgent}.
 *
 * @param randomEpisodes episodes of uniformly random actions before planning starts (PETS: 1)
 * @param ensemble the dynamics ensemble and its training; {@code maxEpochs} applies to each retraining
 * @param planner the MPC planner
 * @param bufferCapacity the most transitions kept
 * @param seed seed of exploration, training and planning
 * @param adaptiveHorizon grows the planner's horizon with the model's accuracy (null: the planner's fixed horizon)
 */
public record PetsConfig(int randomEpisodes, EnsembleConfig ensemble, PlannerConfig planner, int bufferCapacity, long seed,
                         AdaptiveHorizon adaptiveHorizon) {
    public PetsConfig {
        if (randomEpisodes < 1) {
            throw new IllegalArgumentException("randomEpisodes must be >= 1 (the model needs data), got " + randomEpisodes);
        }
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("bufferCapacity must be >= 1");
        }
    }

    /**
     * PETS-style defaults: one random episode, a 5 × 3 × 200 ensemble retrained after every episode
     * for up to 50 epochs (stopping after 10 without a 1% validation improvement).
     */
    public static PetsConfig defaults(long seed) {
        return new PetsConfig(1, EnsembleConfig.defaults(seed).withMaxEpochs(50).withPatience(10), PlannerConfig.defaults(),
                100_000, seed, null);
    }

    /** @return these settings with another planner */
    public PetsConfig withPlanner(PlannerConfig newPlanner) {
        return new PetsConfig(randomEpisodes, ensemble, newPlanner, bufferCapacity, seed, adaptiveHorizon);
    }

    /** @return these settings with another ensemble */
    public PetsConfig withEnsemble(EnsembleConfig newEnsemble) {
        return new PetsConfig(randomEpisodes, newEnsemble, planner, bufferCapacity, seed, adaptiveHorizon);
    }

    /** @return these settings with another seed (the ensemble's too) */
    public PetsConfig withSeed(long newSeed) {
        return new PetsConfig(randomEpisodes, ensemble.withSeed(newSeed), planner, bufferCapacity, newSeed, adaptiveHorizon);
    }

    /** @return these settings with an adaptive horizon (null: fixed) */
    public PetsConfig withAdaptiveHorizon(AdaptiveHorizon adaptive) {
        return new PetsConfig(randomEpisodes, ensemble, planner, bufferCapacity, seed, adaptive);
    }
}
