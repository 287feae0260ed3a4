package dev.foresight.planning;

import dev.foresight.env.EnvSpec;
import dev.foresight.env.RewardFunction;
import dev.foresight.model.DynamicsModel;
import java.util.List;
import java.util.SplittableRandom;

/** Builds an {@link MpcPlanner} from a {@link PlannerConfig}. */
public final class Planners {
    private Planners() {
    }

    /**
     * @param config the settings (not null)
     * @param spec the environment: action bounds, reward and termination functions (not null)
     * @param model the model to plan with (not null; not closed by the planner)
     * @param seed seed of sampling and particle assignment
     * @return a new planner
     */
    public static MpcPlanner create(PlannerConfig config, EnvSpec spec, DynamicsModel model, long seed) {
        return create(config, spec, List.of(spec.rewardFunction()), model, seed);
    }

    /**
     * As {@link #create(PlannerConfig, EnvSpec, DynamicsModel, long)} with a reward ensemble: the
     * planner scores each candidate by its worst reward function.
     */
    public static MpcPlanner create(PlannerConfig config, EnvSpec spec, List<RewardFunction> rewards,
                                    DynamicsModel model, long seed) {
        return create(config, spec, rewards, model, seed, 1);
    }

    /**
     * As {@link #create(PlannerConfig, EnvSpec, List, DynamicsModel, long)} with the population split
     * over {@code shards} threads (see {@link ShardedRollouts}); close the planner to stop them.
     *
     * @param shards threads rolling out candidates (&ge;1; 1 = plan on the caller's thread only); the
     *               model must support {@link DynamicsModel#duplicate()} if &gt; 1
     */
    public static MpcPlanner create(PlannerConfig config, EnvSpec spec, List<RewardFunction> rewards,
                                    DynamicsModel model, long seed, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        }
        SearchSpace space = SearchSpace.of(spec.actionSpace(), config.horizon());
        SplittableRandom root = new SplittableRandom(seed);
        Optimizer optimizer = switch (config.optimizer()) {
            case "cem" -> new CemOptimizer(space, new CemOptimizer.Settings(config.population(), config.elites(),
                    config.iterations(), config.alpha(), config.minVariance()), root.split());
            case "mppi" -> new MppiOptimizer(space, new MppiOptimizer.Settings(config.population(), config.iterations(),
                    config.temperature(), config.sigma(), config.beta()), root.split());
            default -> new RandomShootingOptimizer(space, config.population(), config.iterations(), root.split());
        };
        ModelRollouts.Settings settings = new ModelRollouts.Settings(config.propagationMode(), config.particles(),
                config.riskAversion());
        ModelRollouts first = new ModelRollouts(space, settings, model, rewards, spec.terminationFunction(),
                config.population(), root.split());
        if (shards == 1) {
            return new MpcPlanner(space, optimizer, first);
        }
        java.util.List<ModelRollouts> all = new java.util.ArrayList<>(List.of(first));
        for (int s = 1; s < shards; s++) {
            all.add(new ModelRollouts(space, settings, model.duplicate(), rewards, spec.terminationFunction(),
                    config.population(), root.split()));
        }
        return new MpcPlanner(space, optimizer, new ShardedRollouts(all, space.horizon() * space.actionDim(),
                config.population()));
    }
}
