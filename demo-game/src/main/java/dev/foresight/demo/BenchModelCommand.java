package dev.foresight.demo;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.PolicyAgent;
import dev.foresight.agent.RandomPolicy;
import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.env.physics.PhysicsTasks;
import dev.foresight.model.Prediction;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.model.ensemble.EnsembleTrainer;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.model.ensemble.TrainingReport;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import dev.foresight.util.Medians;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Model throughput: DJL training samples/s, and ONNX Runtime forward rows/s of the exported
 * ensemble for several batch sizes and thread counts, in one run. A row is one network evaluation
 * (one member, one input), so a call with n inputs per member processes E·n rows.
 */
@Command(name = "bench-model", mixinStandardHelpOptions = true,
        description = {"Benchmark ensemble training (DJL) and ONNX Runtime inference of the exported model.",
                "Last line: train_samples_per_s=X ort_rows_per_s_1t=A,B,C ort_rows_per_s_2t=D,E,F (one value per --rows)."})
final class BenchModelCommand implements Runnable {
    @Option(names = "--env", defaultValue = "pendulum", description = "Environment whose data trains the model (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--members", defaultValue = "5", description = "Ensemble members (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--hidden", defaultValue = "200,200,200", split = ",", description = "Hidden widths (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--rows", defaultValue = "1,64,1000", split = ",", description = "Inputs per member per call (default: ${DEFAULT-VALUE}).")
    List<Integer> rows;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs timed (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seconds", defaultValue = "0.3", description = "Length of one timed window (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed windows per figure (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public void run() {
        try {
            bench();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void bench() throws IOException {
        EnvSpec spec;
        Transitions data;
        try (PhysicsEnvironment environment = PhysicsTasks.environment(env)) {
            spec = environment.spec();
            ReplayBuffer buffer = new ReplayBuffer(10 * spec.maxEpisodeSteps(), spec.obsDim(), spec.actionDim());
            PolicyAgent agent = new PolicyAgent(spec, new RandomPolicy(spec.actionSpace(), new RandomStream(1)), buffer);
            for (int e = 0; e < 10; e++) {
                EpisodeRunner.run(environment, agent, e);
            }
            data = buffer.snapshot();
        }
        Path file = Files.createTempFile("foresight-bench", ".onnx");
        try {
            EnsembleConfig config = EnsembleConfig.defaults(1).withHiddenSizes(hidden).withMembers(members, members)
                    .withMaxEpochs(epochs);
            TrainingReport report;
            try (EnsembleTrainer trainer = new EnsembleTrainer(config, spec.obsDim(), spec.actionDim())) {
                trainer.fit(data.range(0, Math.min(200, data.size())), TrainingListener.NONE); // warm-up
                report = trainer.fit(data, TrainingListener.NONE);
                OnnxExporter.export(trainer.weights(), ModelMetadata.of(spec, data.size(), Map.of()), file);
            }
            System.out.printf(Locale.ROOT, "training: %d-member ensemble %s on %d transitions, %d epochs: %.0f samples/s"
                    + " (rows through all members per second)%n", members, hidden, data.size(), report.epochs(),
                    report.samplesPerSecond());
            System.out.printf(Locale.ROOT, "%-8s %-8s %12s %16s%n", "threads", "rows/m", "ms/call", "rows/s");
            List<String> perThreads = new ArrayList<>();
            for (int threads : new int[] {1, 2}) {
                List<String> values = new ArrayList<>();
                try (OnnxDynamicsModel model = new OnnxDynamicsModel(file, threads, OnnxDynamicsModel.Device.CPU)) {
                    for (int n : rows) {
                        double msPerCall = timeForward(model, n);
                        double rowsPerSecond = members * n / (msPerCall / 1000);
                        System.out.printf(Locale.ROOT, "%-8d %-8d %12.4f %16.0f%n", threads, n, msPerCall, rowsPerSecond);
                        values.add(String.format(Locale.ROOT, "%.0f", rowsPerSecond));
                    }
                }
                perThreads.add(String.join(",", values));
            }
            System.out.printf(Locale.ROOT, "train_samples_per_s=%.0f ort_rows_per_s_1t=%s ort_rows_per_s_2t=%s%n",
                    report.samplesPerSecond(), perThreads.get(0), perThreads.get(1));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** @return median milliseconds per forward call with n inputs per member */
    private double timeForward(OnnxDynamicsModel model, int n) {
        RandomStream random = new RandomStream(3);
        float[] obs = new float[members * n * model.obsDim()];
        float[] action = new float[members * n * model.actionDim()];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) random.nextGaussian();
        }
        Prediction out = new Prediction(members, n, model.obsDim());
        List<Double> windows = new ArrayList<>();
        for (int r = 0; r <= repeats; r++) {
            long calls = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long now;
            do {
                model.predict(obs, action, n, out);
                calls++;
                now = System.nanoTime();
            } while (now < end);
            if (r > 0) { // the first window warms up
                windows.add((now - start) / 1e6 / calls);
            }
        }
        return Medians.of(windows);
    }
}
