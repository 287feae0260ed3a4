package dev.foresight.algorithm;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.MpcPolicy;
import dev.foresight.agent.PolicyAgent;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.env.physics.PhysicsTasks;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.planning.MpcPlanner;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.planning.Planners;
import dev.foresight.planning.PolicyPrior;
import dev.foresight.util.Medians;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans with a saved dynamics model, without learning: N episodes seeded by the i-th draw of a
 * stream seeded with {@code seed}, the planner seeded with {@code seed + 1}.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** Hears each episode of an evaluation as it ends (on the evaluating thread). */
    @FunctionalInterface
    public interface EpisodeListener {
        /**
         * @param episode 1-based
         * @param episodeReturn its return
         */
        void onEpisode(int episode, double episodeReturn);
    }

    /**
     * What an evaluation measured.
     *
     * @param returns each episode's return
     * @param planMillis every decision's duration (in milliseconds): a plan, or a policy's action
     */
    public record Result(List<Double> returns, List<Double> planMillis) {
        public Result {
            returns = List.copyOf(returns);
            planMillis = List.copyOf(planMillis);
        }

        /** @return the median decision time in microseconds (NaN if none) */
        public double actMicrosP50() {
            return planMillisP50() * 1000;
        }

        /** @return the mean return */
        public double meanReturn() {
            return returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** @return the standard deviation of the returns (population) */
        public double stdReturn() {
            double mean = meanReturn();
            return Math.sqrt(returns.stream().mapToDouble(r -> (r - mean) * (r - mean)).average().orElse(Double.NaN));
        }

        /** @return the median planning time (NaN if none) */
        public double planMillisP50() {
            return planMillis.isEmpty() ? Double.NaN : Medians.of(planMillis);
        }
    }

    /**
     * @param env a built-in environment name or a task class name
     * @param modelFile a {@code dynamics.onnx} trained in that environment
     * @param planner the planner's settings (not null)
     * @param episodes episodes (&ge;1)
     * @param seed the seed
     * @param onEpisode hears each episode as it ends (may be null)
     * @return the returns and planning times
     * @throws IOException if the model cannot be read
     * @throws IllegalArgumentException if the environment does not exist or the model does not fit it
     */
    public static Result evaluate(String env, Path modelFile, PlannerConfig planner, int episodes, long seed,
                                  EpisodeListener onEpisode) throws IOException {
        return evaluate(env, modelFile, planner, null, episodes, seed, onEpisode);
    }

    /**
     * A policy as the planner's prior ({@link PolicyPrior}).
     *
     * @param policyFile a {@code policy.onnx} trained in the same environment
     * @param plans the policy's plans among each iteration's candidates (&ge;1)
     * @param terminalValue add the policy's critic value at the horizon (the file must carry one)
     */
    public record Prior(Path policyFile, int plans, boolean terminalValue) {
        public Prior {
            java.util.Objects.requireNonNull(policyFile, "policyFile");
            if (plans < 1) {
                throw new IllegalArgumentException("the prior needs at least 1 plan per optimisation, got " + plans);
            }
        }
    }

    /**
     * As {@link #evaluate(String, Path, PlannerConfig, int, long, EpisodeListener)}, the planner
     * seeded by a policy's plans and, if asked, valuing the horizon with its critic.
     *
     * @param prior the policy prior (null: plain planning)
     * @throws IOException if the model or the policy cannot be read
     */
    public static Result evaluate(String env, Path modelFile, PlannerConfig planner, Prior prior, int episodes, long seed,
                                  EpisodeListener onEpisode) throws IOException {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        PhysicsTasks.check(env);
        List<Double> returns = new ArrayList<>();
        List<Double> planMillis = new ArrayList<>();
        try (PhysicsEnvironment environment = PhysicsTasks.environment(env);
             OnnxDynamicsModel dynamics = new OnnxDynamicsModel(modelFile);
             OnnxPolicy priorPolicy = prior == null ? null : new OnnxPolicy(prior.policyFile())) {
            dynamics.requireCompatible(environment.spec());
            Planners.Builder builder = Planners.builder(planner, environment.spec(), dynamics, seed + 1);
            PolicyPrior policyPrior = null;
            if (priorPolicy != null) {
                priorPolicy.requireCompatible(environment.spec());
                policyPrior = new PolicyPrior(priorPolicy, dynamics, prior.plans(), new RandomStream(seed + 2));
                if (prior.terminalValue()) {
                    builder.optHorizonValue(policyPrior.horizonValue());
                }
            }
            MpcPlanner mpc = builder.build();
            mpc.setPrior(policyPrior);
            MpcPolicy policy = new MpcPolicy(mpc, 0);
            try (PolicyAgent agent = new PolicyAgent(environment.spec(), policy)) {
                RandomStream seeds = new RandomStream(seed);
                for (int e = 1; e <= episodes; e++) {
                    double episodeReturn = EpisodeRunner.run(environment, agent, seeds.nextLong()).episodeReturn();
                    returns.add(episodeReturn);
                    planMillis.addAll(agent.episodeStats().planMillis());
                    if (onEpisode != null) {
                        onEpisode.onEpisode(e, episodeReturn);
                    }
                }
            }
        }
        return new Result(returns, planMillis);
    }

    /**
     * Acts with a saved policy ({@code policy.onnx}), no planning and no learning; episodes seeded
     * as {@link #evaluate} seeds them. Each action's time is measured around the ONNX Runtime call.
     *
     * @param env a built-in environment name or a task class name
     * @param policyFile a {@code policy.onnx} trained in that environment
     * @param episodes episodes (&ge;1)
     * @param seed the seed
     * @param onEpisode hears each episode as it ends (may be null)
     * @return the returns and the time of every action
     * @throws IOException if the policy cannot be read
     * @throws IllegalArgumentException if the environment does not exist or the policy does not fit it
     */
    public static Result evaluatePolicy(String env, Path policyFile, int episodes, long seed, EpisodeListener onEpisode)
            throws IOException {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        PhysicsTasks.check(env);
        List<Double> returns = new ArrayList<>();
        List<Double> actMillis = new ArrayList<>();
        try (PhysicsEnvironment environment = PhysicsTasks.environment(env);
             OnnxPolicy policy = new OnnxPolicy(policyFile)) {
            policy.requireCompatible(environment.spec());
            PolicyAgent agent = new PolicyAgent(environment.spec(), (obs, action) -> {
                long start = System.nanoTime();
                policy.act(obs, action);
                actMillis.add((System.nanoTime() - start) / 1e6);
            });
            RandomStream seeds = new RandomStream(seed);
            for (int e = 1; e <= episodes; e++) {
                double episodeReturn = EpisodeRunner.run(environment, agent, seeds.nextLong()).episodeReturn();
                returns.add(episodeReturn);
                if (onEpisode != null) {
                    onEpisode.onEpisode(e, episodeReturn);
                }
            }
        }
        return new Result(returns, actMillis);
    }
}
