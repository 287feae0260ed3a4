package dev.foresight.demo;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.MpcPolicy;
import dev.foresight.demo.bench.Medians;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.planning.Planners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Plans with a saved model, without learning. The last line is exactly
 * {@code mean_return=X std_return=Y plan_ms_p50=Z}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Run episodes with MPC on a saved dynamics.onnx (no learning).",
                "Last line: mean_return=X std_return=Y plan_ms_p50=Z"})
final class EvaluateCommand implements Runnable {
    @Option(names = "--model", required = true, description = "A dynamics.onnx written by train or train-model.")
    Path model;

    @Option(names = "--env", required = true, description = "Environment name.")
    String env;

    @Option(names = "--episodes", defaultValue = "10", description = "Episodes (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the episodes and the planner (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--planner", description = "Planner preset: default, paper, notebook, realtime, interactive (default: the config's, else default).")
    String planner;

    @Option(names = "--config", description = "A config.json whose planner settings to use.")
    Path config;

    @Override
    public void run() {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
        }
        try {
            evaluate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void evaluate() throws IOException {
        PlannerConfig settings = planner != null ? PlannerConfig.named(planner)
                : config != null ? TrainConfig.load(config).pets().planner() : PlannerConfig.defaults();
        List<Double> returns = new ArrayList<>();
        List<Double> planMillis = new ArrayList<>();
        try (PhysicsEnvironment environment = BuiltInTasks.environment(env);
             OnnxDynamicsModel dynamics = new OnnxDynamicsModel(model)) {
            dynamics.requireCompatible(environment.spec());
            MpcPolicy policy = new MpcPolicy(Planners.create(settings, environment.spec(), dynamics, seed + 1), 0);
            SplittableRandom seeds = new SplittableRandom(seed);
            for (int e = 1; e <= episodes; e++) {
                EpisodeRunner.Episode episode = EpisodeRunner.run(environment, policy, seeds.nextLong(), null);
                returns.add(episode.episodeReturn());
                System.out.printf(Locale.ROOT, "episode %d/%d return=%.2f%n", e, episodes, episode.episodeReturn());
                planMillis.addAll(policy.drainPlanMillis());
            }
        }
        double mean = returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double variance = returns.stream().mapToDouble(r -> (r - mean) * (r - mean)).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "mean_return=%.2f std_return=%.2f plan_ms_p50=%.2f%n", mean, Math.sqrt(variance),
                Medians.of(planMillis));
    }
}
