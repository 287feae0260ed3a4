package dev.foresight.demo;

import dev.foresight.demo.bench.EnvironmentBenchmark;
import dev.foresight.env.physics.BuiltInTasks;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Environment throughput next to raw Minie stepping, measured in the same run. The last line is
 * {@code min_single_ratio=A min_async_vector_ratio=B min_sync_vector_ratio=C}: across the tasks
 * measured, the worst throughput relative to raw stepping of one environment, of the asynchronous
 * vector environment and of the lock-step one (each against raw scenes on free-running threads;
 * target &ge; 0.85).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark environment steps/s against raw Minie stepping of the same scenes:",
                "one scene, and --scenes scenes on --threads threads, through the lock-step and the",
                "asynchronous vector environments. Medians of --repeats windows."})
final class BenchCommand implements Runnable {
    @Option(names = "--env", defaultValue = "all", description = "Environment name or 'all' (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--scenes", defaultValue = "16", description = "Scenes in the vectorised run (default: ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--threads", defaultValue = "2", description = "Threads in the vectorised run (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--batch", description = "Environments per batch of the asynchronous vector environment"
            + " (default: scenes / (2 × threads), at least 1).")
    Integer batch;

    @Option(names = "--seconds", defaultValue = "0.3", description = "Length of one timed window in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--repeats", defaultValue = "9", description = "Timed windows per figure (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public void run() {
        if (threads < 1 || scenes < threads) {
            throw new IllegalArgumentException("need 1 <= --threads <= --scenes, got threads=" + threads + " scenes=" + scenes);
        }
        if (!(seconds > 0) || repeats < 1) {
            throw new IllegalArgumentException("need --seconds > 0 and --repeats >= 1");
        }
        int batchSize = batch != null ? batch : Math.max(1, scenes / (2 * threads));
        if (batchSize < 1 || batchSize > scenes) {
            throw new IllegalArgumentException("need 1 <= --batch <= --scenes, got " + batchSize);
        }
        List<String> tasks = "all".equals(env) ? BuiltInTasks.names() : List.of(env);
        tasks.forEach(BuiltInTasks::create); // fail fast on an unknown name
        EnvironmentBenchmark benchmark = new EnvironmentBenchmark(seconds, repeats, scenes, threads, batchSize);
        System.out.printf(Locale.ROOT, "control steps/s, medians of %d windows of %.2f s (ratios: medians of per-window"
                + " ratios); vector = %d scenes on %d threads, async batches of %d; vector ratios against raw_free%n",
                repeats, seconds, scenes, threads, batchSize);
        System.out.printf(Locale.ROOT, "%-9s %9s %9s %6s | %9s %9s %9s %6s %6s | %12s %6s%n", "task", "env_1", "raw_1",
                "ratio", "raw_free", "async", "sync", "ratio", "ratio", "raw_lockstep", "ratio");
        double minSingle = Double.POSITIVE_INFINITY;
        double minAsync = Double.POSITIVE_INFINITY;
        double minSync = Double.POSITIVE_INFINITY;
        for (String task : tasks) {
            EnvironmentBenchmark.Result r = benchmark.run(task);
            System.out.printf(Locale.ROOT, "%-9s %9.0f %9.0f %6.3f | %9.0f %9.0f %9.0f %6.3f %6.3f | %12.0f %6.3f%n", task,
                    r.singleEnv(), r.singleRaw(), r.singleRatio(), r.vectorRaw(), r.vectorAsync(), r.vectorEnv(),
                    r.asyncRatio(), r.syncRatio(), r.vectorRawLockStep(), r.lockStepRatio());
            minSingle = Math.min(minSingle, r.singleRatio());
            minAsync = Math.min(minAsync, r.asyncRatio());
            minSync = Math.min(minSync, r.syncRatio());
        }
        System.out.printf(Locale.ROOT, "min_single_ratio=%.3f min_async_vector_ratio=%.3f min_sync_vector_ratio=%.3f%n",
                minSingle, minAsync, minSync);
    }
}
