package dev.foresight.demo;

import dev.foresight.agent.AdaptiveHorizon;
import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.PetsAgent;
import dev.foresight.agent.PetsConfig;
import dev.foresight.agent.Policy;
import dev.foresight.agent.RandomPolicy;
import dev.foresight.data.NpzFiles;
import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.Transitions;
import dev.foresight.demo.bench.Medians;
import dev.foresight.demo.plot.Chart;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.io.AtomicFiles;
import dev.foresight.model.ModelEvaluation;
import dev.foresight.model.TrainingListener;
import dev.foresight.planning.PlannerConfig;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains an agent in an environment episode by episode and writes {@code metrics.csv},
 * {@code learning_curve.png}, {@code dynamics.onnx} (PETS: the final model) and {@code config.json}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an agent: PETS (random episodes, then MPC with a probabilistic ensemble retrained after",
                "every episode) or a random baseline. Writes DIR/metrics.csv, DIR/learning_curve.png,",
                "DIR/dynamics.onnx (PETS) and DIR/config.json (every setting; repeat with --config)."})
final class TrainCommand implements Runnable {
    static final String HEADER = "episode,env_steps,return,model_holdout_nll,plan_ms_p50,plan_ms_p99,train_s,wall_s,horizon";

    @Option(names = "--env", description = "Environment name (see 'envs').")
    String env;

    @Option(names = "--agent", defaultValue = "pets", description = "pets or random (default: ${DEFAULT-VALUE}).")
    String agent;

    @Option(names = "--episodes", description = "Episodes (default 10, or the config's).")
    Integer episodes;

    @Option(names = "--seed", description = "Seed (default 0, or the config's).")
    Long seed;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--config", description = "A config.json written by an earlier run; flags override it.")
    Path config;

    @Option(names = "--planner", description = "Planner preset: default, paper, notebook, realtime, interactive.")
    String planner;

    @Option(names = "--dataset", description = "Start from a saved .npz dataset instead of random episodes.")
    Path dataset;

    @Option(names = "--hidden", split = ",", description = "Ensemble hidden widths (default 200,200,200).")
    List<Integer> hidden;

    @Option(names = "--horizon", description = "Planning horizon.")
    Integer horizon;

    @Option(names = "--population", description = "Candidates per optimiser iteration.")
    Integer population;

    @Option(names = "--iterations", description = "Optimiser iterations per step.")
    Integer iterations;

    @Option(names = "--optimizer", description = "cem, mppi or random.")
    String optimizer;

    @Option(names = "--propagation", description = "ts1, tsinf or expectation.")
    String propagation;

    @Option(names = "--particles", description = "Particles per candidate.")
    Integer particles;

    @Option(names = "--adaptive-horizon", description = "MIN,MAX,ERROR: plan as far ahead (MIN..MAX steps) as the model's"
            + " open-loop error on the newest episode stays within ERROR (normalised; e.g. 5,30,0.5). Default: fixed.")
    String adaptiveHorizon;

    @Option(names = "--risk-aversion", description = "k of the risk-sensitive score mean - k*std over particles (default 0).")
    Float riskAversion;

    @Override
    public void run() {
        try {
            train(resolveConfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrainConfig resolveConfig() throws IOException {
        TrainConfig base = config != null ? TrainConfig.load(config) : null;
        String envName = env != null ? env : base != null ? base.env() : null;
        if (envName == null) {
            throw new IllegalArgumentException("--env is required (or --config with an env)");
        }
        long runSeed = seed != null ? seed : base != null ? base.seed() : 0L;
        int runEpisodes = episodes != null ? episodes : base != null ? base.episodes() : 10;
        if (runEpisodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + runEpisodes);
        }
        if (!agent.equals("pets") && !agent.equals("random")) {
            throw new IllegalArgumentException("unknown agent '" + agent + "'; known: pets, random");
        }
        PetsConfig pets = base == null ? PetsConfig.defaults(runSeed) : base.pets().withSeed(runSeed);
        PlannerConfig p = planner != null ? PlannerConfig.named(planner) : pets.planner();
        p = new PlannerConfig(optimizer != null ? optimizer : p.optimizer(), horizon != null ? horizon : p.horizon(),
                population != null ? population : p.population(),
                population != null ? Math.max(1, population / 10) : p.elites(),
                iterations != null ? iterations : p.iterations(), p.alpha(), p.minVariance(), p.temperature(), p.sigma(),
                p.beta(), propagation != null ? propagation : p.propagation(), particles != null ? particles : p.particles(),
                riskAversion != null ? riskAversion : p.riskAversion());
        pets = pets.withPlanner(p).withEnsemble(hidden != null ? pets.ensemble().withHiddenSizes(hidden) : pets.ensemble());
        if (adaptiveHorizon != null) {
            pets = pets.withAdaptiveHorizon(AdaptiveHorizon.parse(adaptiveHorizon));
        }
        String data = dataset != null ? dataset.toString() : base != null ? base.dataset() : null;
        return new TrainConfig(envName, agent, runEpisodes, runSeed, data, pets);
    }

    private void train(TrainConfig run) throws IOException {
        run.save(out.resolve("config.json"));
        List<String> rows = new ArrayList<>();
        List<Double> returns = new ArrayList<>();
        long start = System.nanoTime();
        Progress progress = new Progress(run.episodes());
        try (PhysicsEnvironment environment = BuiltInTasks.environment(run.env());
             PetsAgent pets = run.agent().equals("pets")
                     ? new PetsAgent(environment.spec(), run.pets(), out.resolve("dynamics.onnx")) : null) {
            EnvSpec spec = environment.spec();
            SplittableRandom episodes = new SplittableRandom(run.seed());
            Policy policy = pets != null ? pets : new RandomPolicy(spec.actionSpace(), episodes.split());
            ReplayBuffer buffer = pets != null ? pets.buffer()
                    : new ReplayBuffer(run.episodes() * spec.maxEpisodeSteps(), spec.obsDim(), spec.actionDim());
            int randomEpisodes = run.pets().randomEpisodes();
            if (pets != null && run.dataset() != null) {
                Transitions offline = NpzFiles.load(Path.of(run.dataset()), spec.obsDim(), spec.actionDim());
                int stored = buffer.addAll(offline);
                System.out.println("loaded " + stored + " transitions from " + run.dataset() + "; planning from episode 1");
                pets.retrain(TrainingListener.NONE);
                randomEpisodes = 0;
            }
            long steps = 0;
            for (int e = 1; e <= run.episodes(); e++) {
                boolean planned = pets != null && pets.planning();
                int horizonPlanned = planned ? pets.horizon() : 0;
                EpisodeRunner.Episode episode = EpisodeRunner.run(environment, policy, episodes.nextLong(), buffer);
                steps += episode.steps();
                double nll = Double.NaN;
                if (pets != null && pets.model() != null) {
                    Transitions all = buffer.snapshot();
                    nll = ModelEvaluation.holdoutNll(pets.model(), all.range(all.size() - episode.steps(), all.size()));
                }
                List<Double> plan = pets != null ? pets.drainPlanMillis() : List.of();
                double trainSeconds = 0;
                if (pets != null && e >= randomEpisodes) {
                    long t = System.nanoTime();
                    pets.retrain(TrainingListener.NONE);
                    trainSeconds = (System.nanoTime() - t) / 1e9;
                }
                returns.add(episode.episodeReturn());
                rows.add(String.format(Locale.ROOT, "%d,%d,%.4f,%s,%s,%s,%.2f,%.2f,%s", e, steps, episode.episodeReturn(),
                        number(nll), plan.isEmpty() ? "" : number(Medians.of(plan)), plan.isEmpty() ? "" : number(percentile(plan, 0.99)),
                        trainSeconds, (System.nanoTime() - start) / 1e9, planned ? Integer.toString(horizonPlanned) : ""));
                writeMetrics(rows);
                progress.update(e, episode.episodeReturn(), planned);
            }
        }
        progress.finish();
        plot(run, returns);
        System.out.printf(Locale.ROOT, "episodes=%d last_return=%.2f best_return=%.2f wall_s=%.1f out=%s%n", returns.size(),
                returns.get(returns.size() - 1), returns.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                (System.nanoTime() - start) / 1e9, out);
    }

    private void writeMetrics(List<String> rows) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> csv.append(r).append('\n'));
        AtomicFiles.write(out.resolve("metrics.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void plot(TrainConfig run, List<Double> returns) throws IOException {
        double[] x = new double[returns.size()];
        double[] y = new double[returns.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = returns.get(i);
        }
        Chart chart = new Chart("Learning curve: " + run.agent() + " on " + run.env() + " (seed " + run.seed() + ")", 1, 900, 520);
        chart.panel("episode return", "episode", "return").line(run.agent(), x, y, new Color(30, 90, 220));
        chart.save(out.resolve("learning_curve.png"));
    }

    static double percentile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A one-line progress bar on a terminal; one line per episode otherwise. */
    private static final class Progress {
        private final int total;
        private final boolean terminal = System.console() != null;

        Progress(int total) {
            this.total = total;
        }

        void update(int episode, double episodeReturn, boolean planning) {
            String text = String.format(Locale.ROOT, "episode %d/%d return=%.2f %s", episode, total, episodeReturn,
                    planning ? "(planning)" : "(random)");
            if (terminal) {
                int width = 30;
                int filled = episode * width / total;
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
