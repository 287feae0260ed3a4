package dev.foresight.planning;

import dev.foresight.env.EnvSpec;
import dev.foresight.env.RewardFunction;
import dev.foresight.model.DynamicsModel;
import dev.foresight.util.RandomStream;
import java.util.ArrayList;
import java.util.List;

/** Builds an {@link MpcPlanner} from a {@link PlannerConfig}. */
public final class Planners {
    private Planners() {
    }

    /**
     * @param config the settings (not null)
     * @param spec the environment: action bounds (a bounded box), reward and termination functions (not null)
     * @param model the model to plan with (not null; not closed by the planner)
     * @param seed seed of sampling and particle assignment
     * @return a new planner
     * @throws IllegalArgumentException if the environment's actions are not a bounded box
     */
    public static MpcPlanner create(PlannerConfig config, EnvSpec spec, DynamicsModel model, long seed) {
        return builder(config, spec, model, seed).build();
    }

    /**
     * @return a builder for the optional parts (reward ensemble, terminal value, shards)
     * @see #create(PlannerConfig, EnvSpec, DynamicsModel, long)
     */
    public static Builder builder(PlannerConfig config, EnvSpec spec, DynamicsModel model, long seed) {
        return new Builder(config, spec, model, seed);
    }

    /** Optional parts of a planner; {@code opt*} methods return this builder. */
    public static final class Builder {
        private final PlannerConfig config;
        private final EnvSpec spec;
        private final DynamicsModel model;
        private final long seed;
        private List<RewardFunction> rewards;
        private TerminalValue terminalValue;
        private TerminalValue horizonValue;
        private int shards = 1;
        private ShardedRollouts.Schedule schedule = ShardedRollouts.Schedule.SPIN;

        private Builder(PlannerConfig config, EnvSpec spec, DynamicsModel model, long seed) {
            this.config = config;
            this.spec = spec;
            this.model = model;
            this.seed = seed;
            this.rewards = List.of(spec.rewardFunction());
        }

        /** Scores each candidate by the worst of several reward functions (a reward ensemble; not empty). */
        public Builder optRewards(List<RewardFunction> rewardEnsemble) {
            this.rewards = List.copyOf(rewardEnsemble);
            return this;
        }

        /** Adds a value where a rollout is predicted to terminate (null: none). */
        public Builder optTerminalValue(TerminalValue value) {
            this.terminalValue = value;
            return this;
        }

        /** Adds a value of the state reached at the horizon, e.g. {@link PolicyPrior#horizonValue()} (null: none). */
        public Builder optHorizonValue(TerminalValue value) {
            this.horizonValue = value;
            return this;
        }

        /**
         * Splits the population over {@code count} threads (see {@link ShardedRollouts}); close the
         * planner to stop them. The model must support {@link DynamicsModel#duplicate()} if &gt; 1.
         */
        public Builder optShards(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("shards must be >= 1, got " + count);
            }
            this.shards = count;
            return this;
        }

        /** How shard threads meet (default {@link ShardedRollouts.Schedule#SPIN}; only with shards &gt; 1). */
        public Builder optSchedule(ShardedRollouts.Schedule newSchedule) {
            this.schedule = java.util.Objects.requireNonNull(newSchedule, "schedule");
            return this;
        }

        /** @return the planner */
        public MpcPlanner build() {
            SearchSpace space = SearchSpace.of(spec.actionSpace(), config.horizon());
            if (config.optimizer() instanceof IlqrOptimizer.Settings
                    && (rewards.size() > 1 || terminalValue != null || horizonValue != null)) {
                throw new IllegalArgumentException("iLQR plans with the task's reward alone: it does not use a reward"
                        + " ensemble, a terminal value or a horizon value yet; use cem, mppi or random for those");
            }
            RandomStream root = new RandomStream(seed);
            RandomStream optimizerRandom = root.split();
            ModelRollouts.Settings settings = new ModelRollouts.Settings(config.propagation(), config.particles(),
                    config.riskAversion());
            int population = config.optimizer().population();
            ModelRollouts first = new ModelRollouts(space, settings, model, rewards, spec.terminationFunction(),
                    terminalValue, horizonValue, population, root.split());
            if (shards == 1) {
                Optimizer optimizer = config.optimizer().create(new PlanningProblem(space, first, rewards.get(0)),
                        optimizerRandom);
                return new MpcPlanner(space, optimizer, first, spec.terminationFunction());
            }
            List<ModelRollouts> all = new ArrayList<>(List.of(first));
            for (int s = 1; s < shards; s++) {
                all.add(new ModelRollouts(space, settings, model.duplicate(), rewards, spec.terminationFunction(),
                        terminalValue, horizonValue, population, root.split()));
            }
            ShardedRollouts sharded = new ShardedRollouts(all, space.horizon() * space.actionDim(), population, schedule);
            Optimizer optimizer = config.optimizer().create(new PlanningProblem(space, sharded, rewards.get(0)),
                    optimizerRandom);
            return new MpcPlanner(space, optimizer, sharded, spec.terminationFunction());
        }
    }
}
