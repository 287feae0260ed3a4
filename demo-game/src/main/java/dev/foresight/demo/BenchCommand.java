package dev.foresight.demo;

import dev.foresight.demo.bench.EnvironmentBenchmark;
import dev.foresight.env.physics.BuiltInTasks;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Environment throughput next to raw Minie stepping, measured in the same run. The last line is
 * {@code min_single_ratio=A min_vector_ratio=B}: the environment layer's worst throughput relative
 * to raw stepping across the tasks measured (target &ge; 0.85).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark environment steps/s against raw Minie stepping of the same scenes:",
                "one scene, and --scenes scenes on --threads threads. Medians of --repeats windows."})
final class BenchCommand implements Runnable {
    @Option(names = "--env", defaultValue = "all", description = "Environment name or 'all' (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--scenes", defaultValue = "16", description = "Scenes in the vectorised run (default: ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--threads", defaultValue = "2", description = "Threads in the vectorised run (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seconds", defaultValue = "0.5", description = "Length of one timed window in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed windows per figure (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public void run() {
        if (threads < 1 || scenes < threads) {
            throw new IllegalArgumentException("need 1 <= --threads <= --scenes, got threads=" + threads + " scenes=" + scenes);
        }
        if (!(seconds > 0) || repeats < 1) {
            throw new IllegalArgumentException("need --seconds > 0 and --repeats >= 1");
        }
        List<String> tasks = "all".equals(env) ? BuiltInTasks.names() : List.of(env);
        tasks.forEach(BuiltInTasks::create); // fail fast on an unknown name
        EnvironmentBenchmark benchmark = new EnvironmentBenchmark(seconds, repeats, scenes, threads);
        System.out.printf(Locale.ROOT, "control steps/s, medians of %d windows of %.2f s; vector = %d scenes on %d threads%n",
                repeats, seconds, scenes, threads);
        System.out.printf(Locale.ROOT, "%-9s %12s %12s %7s %14s %14s %7s %14s %7s%n",
                "task", "env_1", "raw_1", "ratio", "env_vec", "raw_vec", "ratio", "raw_lockstep", "sync");
        double minSingle = Double.POSITIVE_INFINITY;
        double minVector = Double.POSITIVE_INFINITY;
        for (String task : tasks) {
            EnvironmentBenchmark.Result r = benchmark.run(task);
            System.out.printf(Locale.ROOT, "%-9s %12.0f %12.0f %7.3f %14.0f %14.0f %7.3f %14.0f %7.3f%n", task, r.singleEnv(),
                    r.singleRaw(), r.singleRatio(), r.vectorEnv(), r.vectorRaw(), r.vectorRatio(), r.vectorRawLockStep(),
                    r.lockStepRatio());
            minSingle = Math.min(minSingle, r.singleRatio());
            minVector = Math.min(minVector, r.vectorRatio());
        }
        System.out.printf(Locale.ROOT, "min_single_ratio=%.3f min_vector_ratio=%.3f%n", minSingle, minVector);
    }
}
