package dev.foresight.demo;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.PolicyAgent;
import dev.foresight.agent.RandomPolicy;
import dev.foresight.data.NpzFiles;
import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.Transitions;
import dev.foresight.demo.plot.Chart;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.env.physics.PhysicsTasks;
import dev.foresight.model.ModelEvaluation;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.model.ensemble.EnsembleTrainer;
import dev.foresight.model.ensemble.TrainingReport;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import dev.foresight.util.RandomStream;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Collects random-policy episodes, trains a probabilistic ensemble, exports it to ONNX and
 * measures it on held-out episodes with the exported file. The last line is exactly
 * {@code holdout_nll=X rmse_h1=A rmse_h5=B rmse_h10=C rmse_h20=D train_s=T}.
 */
@Command(name = "train-model", mixinStandardHelpOptions = true,
        description = {"Collect K seeded random episodes, train a PETS ensemble (DJL, PyTorch), export it to ONNX and",
                "evaluate the exported model on held-out episodes (the last 20%, at least one).",
                "Writes DIR/data.npz, DIR/dynamics.onnx and DIR/prediction.png; the last line is",
                "holdout_nll=X rmse_h1=A rmse_h5=B rmse_h10=C rmse_h20=D train_s=T",
                "(rmse_hK: K-step open-loop error of the ensemble mean, per dimension over its std in the data)."})
final class TrainModelCommand implements Runnable {
    private static final int[] HORIZONS = {1, 5, 10, 20};

    @Mixin
    EnvOption envOption;

    @Option(names = "--episodes", defaultValue = "10", description = "Random episodes to collect, >= 2 (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of data collection and training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--members", defaultValue = "5", description = "Ensemble members (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--elites", description = "Members kept, the best on validation (default: all).")
    Integer elites;

    @Option(names = "--hidden", defaultValue = "200,200,200", split = ",",
            description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--max-epochs", defaultValue = "200", description = "Most training epochs (default: ${DEFAULT-VALUE}).")
    int maxEpochs;

    @Option(names = "--patience", defaultValue = "8",
            description = "Epochs without a 1% validation improvement before stopping (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--learn-reward", description = "Also learn the reward.")
    boolean learnReward;

    @Override
    public void run() {
        if (episodes < 2) {
            throw new IllegalArgumentException("--episodes must be >= 2 (some are held out for evaluation), got " + episodes);
        }
        EnsembleConfig config = EnsembleConfig.defaults(seed).withHiddenSizes(hidden)
                .withMembers(members, elites == null ? members : elites).withMaxEpochs(maxEpochs).withPatience(patience)
                .withLearnReward(learnReward);
        try {
            train(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void train(EnsembleConfig config) throws IOException {
        Transitions data;
        EnvSpec spec;
        try (PhysicsEnvironment environment = PhysicsTasks.environment(envOption.env)) {
            spec = environment.spec();
            data = collect(environment);
        }
        List<int[]> ranges = data.episodes();
        int heldOut = Math.max(1, (int) Math.round(episodes * 0.2));
        int split = ranges.get(ranges.size() - heldOut)[0];
        Transitions train = data.range(0, split);
        Transitions holdout = data.range(split, data.size());
        System.out.printf(Locale.ROOT, "collected %d random episodes of %s (%d transitions); training on %d, holding out %d episodes%n",
                episodes, envOption.env, data.size(), train.size(), heldOut);
        NpzFiles.save(out.resolve("data.npz"), data);

        System.out.println("training a " + config.members() + "-member ensemble " + config.hiddenSizes()
                + " with DJL (PyTorch engine)...");
        TrainingReport report;
        try (EnsembleTrainer trainer = new EnsembleTrainer(config, spec.obsDim(), spec.actionDim())) {
            report = trainer.fit(train, (epoch, max, loss, validation) -> {
                if (epoch == 1 || epoch % 10 == 0 || Boolean.getBoolean("foresight.verbose")) {
                    System.out.printf(Locale.ROOT, "  epoch %3d/%d  train_loss=%.4f  validation_mse=%.5f%n", epoch, max, loss, validation);
                }
            });
            ModelMetadata metadata = ModelMetadata.of(spec, train.size(), Map.of("seed", Long.toString(seed),
                    "command", "train-model --env " + envOption.env + " --episodes " + episodes + " --seed " + seed));
            OnnxExporter.export(trainer.weights(), metadata, out.resolve("dynamics.onnx"));
        }
        System.out.printf(Locale.ROOT, "  stopped after %d epochs (best %d) in %.1f s, %.0f samples/s; elites %s%n",
                report.epochs(), report.bestEpoch(), report.seconds(), report.samplesPerSecond(), Arrays.toString(report.elites()));

        try (OnnxDynamicsModel model = new OnnxDynamicsModel(out.resolve("dynamics.onnx"))) {
            model.requireCompatible(spec);
            double nll = ModelEvaluation.holdoutNll(model, holdout);
            double[] rmse = ModelEvaluation.openLoopRmse(model, holdout, HORIZONS);
            int[] first = holdout.episodes().get(0);
            plot(spec, holdout.range(first[0], first[1]), ModelEvaluation.memberTrajectories(model, holdout.range(first[0], first[1])));
            System.out.println("wrote " + out.resolve("data.npz") + ", " + out.resolve("dynamics.onnx") + ", " + out.resolve("prediction.png"));
            System.out.printf(Locale.ROOT, "holdout_nll=%.4f rmse_h1=%.4f rmse_h5=%.4f rmse_h10=%.4f rmse_h20=%.4f train_s=%.1f%n",
                    nll, rmse[0], rmse[1], rmse[2], rmse[3], report.seconds());
        }
    }

    private Transitions collect(PhysicsEnvironment environment) {
        EnvSpec spec = environment.spec();
        ReplayBuffer buffer = new ReplayBuffer(episodes * spec.maxEpisodeSteps(), spec.obsDim(), spec.actionDim());
        RandomStream root = new RandomStream(seed);
        PolicyAgent agent = new PolicyAgent(spec, new RandomPolicy(spec.actionSpace(), root.split()), buffer);
        for (int e = 0; e < episodes; e++) {
            EpisodeRunner.run(environment, agent, root.nextLong());
        }
        return buffer.snapshot();
    }

    /** One panel per observation dimension: truth, the members' own open-loop trajectories as a band, their mean. */
    private void plot(EnvSpec spec, Transitions episode, float[][] members) throws IOException {
        int obsDim = spec.obsDim();
        int steps = episode.size();
        Chart chart = new Chart("Open-loop prediction of a held-out " + spec.name() + " episode under its recorded actions ("
                + members.length + " members)", obsDim <= 4 ? 2 : 3, 1400, obsDim <= 4 ? 800 : 1100);
        double[] x = new double[steps];
        for (int t = 0; t < steps; t++) {
            x[t] = t + 1;
        }
        for (int d = 0; d < obsDim; d++) {
            double[] truth = new double[steps];
            double[] low = new double[steps];
            double[] high = new double[steps];
            double[] mean = new double[steps];
            for (int t = 0; t < steps; t++) {
                truth[t] = episode.nextObs()[t * obsDim + d];
                low[t] = Double.POSITIVE_INFINITY;
                high[t] = Double.NEGATIVE_INFINITY;
                for (float[] member : members) {
                    double v = member[t * obsDim + d];
                    low[t] = Math.min(low[t], v);
                    high[t] = Math.max(high[t], v);
                    mean[t] += v / members.length;
                }
            }
            chart.panel(spec.observationSpace().name(d), "step", "").integerX()
                    .band(x, low, high, new Color(70, 120, 230, 70))
                    .line("true", x, truth, Color.BLACK)
                    .line("ensemble mean", x, mean, new Color(30, 90, 220));
        }
        chart.save(out.resolve("prediction.png"));
    }
}
