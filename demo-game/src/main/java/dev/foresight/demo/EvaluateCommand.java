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
 * Plans with a saved model, or acts with a saved policy, without learning ({@link Evaluation}).
 * The last line is exactly {@code mean_return=X std_return=Y plan_ms_p50=Z}, plus
 * {@code act_us_p50=W} for a policy.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Run episodes with MPC on a saved dynamics.onnx (optionally guided by a policy.onnx:",
                "--policy-prior, --terminal-value), or with a saved policy.onnx alone (no learning).",
                "Last line: mean_return=X std_return=Y plan_ms_p50=Z (and act_us_p50=W for --policy)"})
final class EvaluateCommand implements Runnable {
    @Option(names = "--model", description = "A dynamics.onnx written by train or train-model: plan with it.")
    Path model;

    @Option(names = "--policy", description = "A policy.onnx: act with it, no planning.")
    Path policy;

    @Option(names = "--policy-prior", description = "With --model: a policy.onnx whose plans, rolled through the model,"
            + " join every optimiser iteration's candidates (TD-MPC's prior).")
    Path policyPrior;

    @Option(names = "--prior-plans", defaultValue = "16", description = "With --policy-prior: the policy's plans per"
            + " iteration, each through another sampled future (default: ${DEFAULT-VALUE}).")
    int priorPlans;

    @Option(names = "--terminal-value", description = "With --policy-prior: add the policy's critic value of the state"
            + " each candidate reaches at the horizon.")
    boolean terminalValue;

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
        if ((model == null) == (policy == null)) {
            throw new IllegalArgumentException("give exactly one of --model FILE (plan with a dynamics model) and"
                    + " --policy FILE (act with a policy)");
        }
        if (policyPrior == null && terminalValue) {
            throw new IllegalArgumentException("--terminal-value needs --policy-prior FILE (the critic comes with the policy)");
        }
        if (policyPrior != null && model == null) {
            throw new IllegalArgumentException("--policy-prior guides planning: give --model FILE too");
        }
        try {
            if (policy != null) {
                Evaluation.Result result = Evaluation.evaluatePolicy(envOption.env, policy, episodes, seed,
                        (e, r) -> System.out.printf(Locale.ROOT, "episode %d/%d return=%.2f%n", e, episodes, r));
                System.out.printf(Locale.ROOT, "mean_return=%.2f std_return=%.2f plan_ms_p50=%.4f act_us_p50=%.1f%n",
                        result.meanReturn(), result.stdReturn(), result.planMillisP50(), result.actMicrosP50());
                return;
            }
            RunConfig base = planner.baseConfig();
            PlannerConfig settings = planner.apply(base != null ? base.pets().planner() : PlannerConfig.defaults());
            Evaluation.Prior prior = policyPrior == null ? null
                    : new Evaluation.Prior(policyPrior, priorPlans, terminalValue);
            Evaluation.Result result = Evaluation.evaluate(envOption.env, model, settings, prior, episodes, seed,
                    (e, r) -> System.out.printf(Locale.ROOT, "episode %d/%d return=%.2f%n", e, episodes, r));
            System.out.printf(Locale.ROOT, "mean_return=%.2f std_return=%.2f plan_ms_p50=%.3f%n", result.meanReturn(),
                    result.stdReturn(), result.planMillisP50());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
