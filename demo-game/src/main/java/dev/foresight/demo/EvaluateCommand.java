package dev.foresight.demo;

import dev.foresight.algorithm.Evaluation;
import dev.foresight.algorithm.RunConfig;
import dev.foresight.planning.PlannerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Plans with a saved model, without learning ({@link Evaluation}). The last line is exactly
 * {@code mean_return=X std_return=Y plan_ms_p50=Z}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Run episodes with MPC on a saved dynamics.onnx (no learning).",
                "Last line: mean_return=X std_return=Y plan_ms_p50=Z"})
final class EvaluateCommand implements Runnable {
    @Option(names = "--model", required = true, description = "A dynamics.onnx written by train or train-model.")
    Path model;

    @Mixin
    EnvOption envOption;

    @Option(names = "--episodes", defaultValue = "10", description = "Episodes (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the episodes and the planner (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    PlannerOptions planner;

    @Override
    public void run() {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
        }
        try {
            RunConfig base = planner.baseConfig();
            PlannerConfig settings = planner.apply(base != null ? base.pets().planner() : PlannerConfig.defaults());
            Evaluation.Result result = Evaluation.evaluate(envOption.env, model, settings, episodes, seed,
                    (e, r) -> System.out.printf(Locale.ROOT, "episode %d/%d return=%.2f%n", e, episodes, r));
            System.out.printf(Locale.ROOT, "mean_return=%.2f std_return=%.2f plan_ms_p50=%.2f%n", result.meanReturn(),
                    result.stdReturn(), result.planMillisP50());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
