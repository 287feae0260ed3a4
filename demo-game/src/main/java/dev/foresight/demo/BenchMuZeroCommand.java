package dev.foresight.demo;

import dev.foresight.algorithm.Environments;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.latent.LatentModel;
import dev.foresight.muzero.LatentSearch;
import dev.foresight.muzero.MuZeroAgent;
import dev.foresight.muzero.MuZeroConfig;
import dev.foresight.muzero.MuZeroLearner;
import dev.foresight.model.latent.MuZeroWeights;
import dev.foresight.onnx.MuZeroExporter;
import dev.foresight.onnx.OnnxLatentModel;
import dev.foresight.search.MctsSettings;
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
 * MuZero's search speed: simulations per second in latent space from a fixed root, one thread,
 * with networks of the default sizes ({@link MuZeroConfig#defaults}; fresh weights — the speed does
 * not depend on them) exported to ONNX and run in ONNX Runtime (one intra-op thread), one leaf at a
 * time and several in flight, and with the same networks in plain Java. Medians of timed searches.
 */
@Command(name = "bench-muzero", mixinStandardHelpOptions = true,
        description = {"Benchmark MuZero's latent search: simulations per second with the three networks in ONNX Runtime (1",
                "thread; one leaf at a time and --batch in flight) and in plain Java. Last line (for --env):",
                "onnx_sims_per_s=X onnx_batched_sims_per_s=Y java_sims_per_s=Z"})
final class BenchMuZeroCommand implements Runnable {
    @Option(names = "--env", defaultValue = "cartpole-discrete", description = "A task with discrete actions whose sizes"
            + " the networks take (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--simulations", defaultValue = "400", description = "Simulations per timed search (default:"
            + " ${DEFAULT-VALUE}).")
    int simulations;

    @Option(names = "--batch", defaultValue = "8", description = "Leaves in flight for the batched figure (default:"
            + " ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--repeats", defaultValue = "7", description = "Timed searches per setting (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public void run() {
        EnvSpec spec = Environments.spec(env);
        int actions = spec.discreteActions("bench-muzero").n();
        int obsDim = MuZeroAgent.encodedObsDim(spec);
        MuZeroConfig config = MuZeroConfig.defaults(1);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("bench-muzero");
            MuZeroWeights weights;
            try (MuZeroLearner learner = new MuZeroLearner(config, obsDim, actions)) {
                weights = learner.weights();
            }
            MuZeroExporter.export(weights, spec.name(), Map.of(), dir);
            float[] root = new float[obsDim];
            RandomStream random = new RandomStream(3);
            for (int i = 0; i < obsDim; i++) {
                root[i] = (float) random.nextDouble();
            }
            System.out.printf(Locale.ROOT, "# MuZero latent search on %s sizes (obs %d, latent %d, hidden %s, %d actions),"
                    + " PUCT, %d simulations per search, median of %d%n", spec.name(), obsDim, config.latentDim(),
                    config.hidden(), actions, simulations, repeats);
            double java = measure(weights, root, 1);
            System.out.printf(Locale.ROOT, "plain Java     leaves_in_flight=1    sims_per_s=%.0f%n", java);
            double onnx;
            double batched;
            try (OnnxLatentModel model = new OnnxLatentModel(dir)) {
                onnx = measure(model, root, 1);
                System.out.printf(Locale.ROOT, "ONNX Runtime   leaves_in_flight=1    sims_per_s=%.0f%n", onnx);
                batched = measure(model, root, batch);
                System.out.printf(Locale.ROOT, "ONNX Runtime   leaves_in_flight=%-4d sims_per_s=%.0f%n", batch, batched);
            }
            System.out.printf(Locale.ROOT, "onnx_sims_per_s=%.0f onnx_batched_sims_per_s=%.0f java_sims_per_s=%.0f%n", onnx,
                    batched, java);
        } catch (IOException e) {
            throw new UncheckedIOException("bench-muzero: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                for (String f : new String[] {MuZeroExporter.REPRESENTATION, MuZeroExporter.DYNAMICS,
                        MuZeroExporter.PREDICTION}) {
                    dir.resolve(f).toFile().delete();
                }
                dir.toFile().delete();
            }
        }
    }

    private double measure(LatentModel model, float[] root, int leaves) {
        MctsSettings settings = new MctsSettings(simulations, leaves, 0.95f, 1.25f, true, 1);
        new LatentSearch(model, settings).search(root); // warm-up
        List<Double> rates = new ArrayList<>();
        for (int k = 0; k < repeats; k++) {
            LatentSearch search = new LatentSearch(model, settings.withSeed(k));
            long start = System.nanoTime();
            search.search(root);
            rates.add(simulations / ((System.nanoTime() - start) / 1e9));
        }
        return Medians.of(rates);
    }
}
