package dev.foresight.demo;

import dev.foresight.data.TransitionBatch;
import dev.foresight.djl.DjlEngine;
import dev.foresight.policy.sac.SacConfig;
import dev.foresight.policy.sac.SacLearner;
import dev.foresight.util.Medians;
import dev.foresight.util.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * SAC learner throughput: gradient updates per second (critic, actor, temperature and target
 * update each) on random minibatches, with 1 and 2 PyTorch threads in one run. Medians of timed
 * windows.
 */
@Command(name = "bench-sac", mixinStandardHelpOptions = true,
        description = {"Benchmark SAC gradient updates (DJL, PyTorch engine) with 1 and 2 threads.",
                "Last line: sac_updates_per_s_1t=X sac_updates_per_s_2t=Y (batch, widths and sizes as given)."})
final class BenchSacCommand implements Runnable {
    @Option(names = "--obs", defaultValue = "5", description = "Observation size (default: ${DEFAULT-VALUE}).")
    int obsDim;

    @Option(names = "--actions", defaultValue = "1", description = "Action size (default: ${DEFAULT-VALUE}).")
    int actionDim;

    @Option(names = "--hidden", defaultValue = "256,256", split = ",", description = "Hidden widths (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--batch", defaultValue = "256", description = "Minibatch rows (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--updates", defaultValue = "100", description = "Updates per timed window (default: ${DEFAULT-VALUE}).")
    int updates;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed windows per thread count (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public void run() {
        float[] low = new float[actionDim];
        float[] high = new float[actionDim];
        Arrays.fill(low, -1f);
        Arrays.fill(high, 1f);
        SacConfig defaults = SacConfig.defaults(1);
        SacConfig config = new SacConfig(hidden, defaults.learningRate(), batch, defaults.gamma(), defaults.tau(),
                defaults.targetUpdateInterval(), true, defaults.initialTemperature(), Float.NaN, 1);
        RandomStream data = new RandomStream(7);
        SacLearner.BatchSource source = (b, r) -> fill(b, data);
        List<String> figures = new ArrayList<>();
        try (SacLearner learner = new SacLearner(config, obsDim, low, high)) {
            for (int threads : new int[] {1, 2}) {
                DjlEngine.setIntraOpThreads(threads);
                learner.update(updates, source); // warm-up
                List<Double> rates = new ArrayList<>();
                for (int k = 0; k < repeats; k++) {
                    long t = System.nanoTime();
                    learner.update(updates, source);
                    rates.add(updates / ((System.nanoTime() - t) / 1e9));
                }
                double median = Medians.of(rates);
                System.out.printf(Locale.ROOT, "threads=%d batch=%d hidden=%s obs=%d actions=%d: %.1f updates/s (median of %d"
                        + " windows of %d)%n", threads, batch, hidden, obsDim, actionDim, median, repeats, updates);
                figures.add(String.format(Locale.ROOT, "%.1f", median));
            }
        } finally {
            DjlEngine.setIntraOpThreads(1);
        }
        System.out.printf(Locale.ROOT, "sac_updates_per_s_1t=%s sac_updates_per_s_2t=%s%n", figures.get(0), figures.get(1));
    }

    private static void fill(TransitionBatch b, RandomStream random) {
        for (float[] column : List.of(b.obs, b.action, b.nextObs, b.reward)) {
            for (int i = 0; i < column.length; i++) {
                column[i] = (float) (2 * random.nextDouble() - 1);
            }
        }
        for (int i = 0; i < b.size; i++) {
            b.terminated[i] = random.nextInt(100) == 0 ? 1f : 0f;
        }
    }
}
