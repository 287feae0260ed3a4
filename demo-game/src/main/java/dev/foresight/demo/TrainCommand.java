package dev.foresight.demo;

import dev.foresight.agent.AdaptiveHorizon;
import dev.foresight.agent.EpisodeStats;
import dev.foresight.agent.PetsConfig;
import dev.foresight.algorithm.AgentKind;
import dev.foresight.algorithm.EpisodeRow;
import dev.foresight.algorithm.RunConfig;
import dev.foresight.algorithm.RunListener;
import dev.foresight.algorithm.TrainingRun;
import dev.foresight.demo.plot.Chart;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains an agent through the library's {@link TrainingRun} and writes {@code metrics.csv},
 * {@code learning_curve.png}, {@code dynamics.onnx} (PETS: the final model) and {@code config.json}.
 * This command only turns flags into a {@link RunConfig} and prints.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an agent: PETS (random episodes, then MPC with a probabilistic ensemble retrained after",
                "every episode) or a random baseline, in a built-in environment or your own PhysicsTask class",
                "(--env com.example.MyTask, on the classpath). Writes DIR/metrics.csv, DIR/learning_curve.png,",
                "DIR/dynamics.onnx (PETS) and DIR/config.json (every setting; repeat with --config)."})
final class TrainCommand implements Runnable {
    @Option(names = "--env", description = "Environment name (see 'envs') or a PhysicsTask class name.")
    String env;

    @Option(names = "--agent", description = "pets or random (default pets, or the config's).")
    String agent;

    @Option(names = "--episodes", description = "Episodes (default 10, or the config's).")
    Integer episodes;

    @Option(names = "--seed", description = "Seed (default 0, or the config's).")
    Long seed;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Mixin
    PlannerOptions planner;

    @Option(names = "--dataset", description = "Start from a saved .npz dataset instead of random episodes.")
    Path dataset;

    @Option(names = "--hidden", split = ",", description = "Ensemble hidden widths (default 200,200,200).")
    List<Integer> hidden;

    @Option(names = "--adaptive-horizon", description = "MIN,MAX,ERROR: plan as far ahead (MIN..MAX steps) as the model's"
            + " open-loop error on the newest episode stays within ERROR (normalised; e.g. 5,30,0.5). Default: fixed.")
    String adaptiveHorizon;

    @Override
    public void run() {
        try {
            train(resolveConfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flags over the {@code --config} file over the defaults. */
    RunConfig resolveConfig() throws IOException {
        RunConfig base = planner.baseConfig();
        String envName = env != null ? env : base != null ? base.env() : null;
        if (envName == null) {
            throw new IllegalArgumentException("--env is required (or --config with an env)");
        }
        long runSeed = seed != null ? seed : base != null ? base.seed() : 0L;
        int runEpisodes = episodes != null ? episodes : base != null ? base.episodes() : 10;
        if (runEpisodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + runEpisodes);
        }
        AgentKind kind = agent != null ? AgentKind.parse(agent) : base != null ? base.agent() : AgentKind.PETS;
        PetsConfig pets = base == null ? PetsConfig.defaults(runSeed) : base.pets().withSeed(runSeed);
        pets = pets.withPlanner(planner.apply(pets.planner()));
        if (hidden != null) {
            pets = pets.withEnsemble(pets.ensemble().withHiddenSizes(hidden));
        }
        if (adaptiveHorizon != null) {
            pets = pets.withAdaptiveHorizon(AdaptiveHorizon.parse(adaptiveHorizon));
        }
        String data = dataset != null ? dataset.toString() : base != null ? base.dataset() : null;
        RunConfig config = new RunConfig(envName, kind, runEpisodes, runSeed, data, pets);
        config.validate(); // an unknown environment writes nothing
        return config;
    }

    private void train(RunConfig run) throws IOException {
        Progress progress = new Progress(run.episodes());
        TrainingRun.Result result = TrainingRun.run(run, out, progress);
        progress.finish();
        List<Double> returns = result.returns();
        plot(run, returns);
        System.out.printf(Locale.ROOT, "episodes=%d last_return=%.2f best_return=%.2f wall_s=%.1f out=%s%n", returns.size(),
                returns.get(returns.size() - 1), returns.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                result.wallSeconds(), out);
    }

    private void plot(RunConfig run, List<Double> returns) throws IOException {
        double[] x = new double[returns.size()];
        double[] y = new double[returns.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = returns.get(i);
        }
        Chart chart = new Chart("Learning curve: " + run.agent().id() + " on " + run.env() + " (seed " + run.seed() + ")",
                1, 900, 520);
        chart.panel("episode return", "episode", "return").line(run.agent().id(), x, y, new Color(30, 90, 220));
        chart.save(out.resolve("learning_curve.png"));
    }

    /** A one-line progress bar on a terminal; one line per episode otherwise. */
    private static final class Progress implements RunListener {
        private final int total;
        private final boolean terminal = System.console() != null;

        Progress(int total) {
            this.total = total;
        }

        @Override
        public void onMessage(String text) {
            System.out.println(text);
        }

        @Override
        public void onEpisode(EpisodeRow row, EpisodeStats stats) {
            String text = String.format(Locale.ROOT, "episode %d/%d return=%.2f %s", row.episode(), total,
                    row.episodeReturn(), stats.planned() ? "(planning)" : "(random)");
            if (terminal) {
                int width = 30;
                int filled = row.episode() * width / total;
                System.out.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + text + "   ");
                System.out.flush();
            } else {
                System.out.println(text);
            }
        }

        void finish() {
            if (terminal) {
                System.out.println();
            }
        }
    }
}
