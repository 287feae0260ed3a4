package dev.foresight.experiments.sweep;

import dev.foresight.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a {@link SweepSpec} on Spark: every run not finished yet becomes one task, which trains it in
 * a child JVM ({@link RunLauncher}); then {@code OUT/results.csv} ({@link RunResult#HEADER}) is
 * written atomically, one row per run of the spec in the spec's order — at the start (finished runs,
 * the others {@code pending}), every 30 s while the runs go on, and at the end.
 *
 * <p>The folder: {@code spec.json}, {@code runs/KEY-HASH/} (finished runs: {@code config.json},
 * {@code metrics.csv}, models, plots), {@code runs/KEY-HASH.partial/} (under way or stopped; resumed
 * from its checkpoint), {@code logs/KEY-HASH.log}, {@code requests/KEY-HASH.json}, {@code results.csv}.
 * Re-running skips finished runs; a run that fails is retried {@code retries} times (Spark's task
 * retries) and then recorded as failed with its log, and the sweep goes on.
 *
 * <p>Masters: {@code local[*]} (embedded, the default), {@code local[N]}, or a cluster
 * ({@code spark://HOST:7077}), for which Spark's authentication is switched on with the shared secret
 * in the environment variable {@value #SECRET_VARIABLE}. The embedded driver, and the driver of a
 * cluster on this machine ({@code spark://127.0.0.1:…}), bind to 127.0.0.1 only. On a cluster the
 * executors load the sweep's classes from the driver's class path (the jar) and write runs into
 * the sweep folder, so both must be at the same path on every worker (a shared file system).
 *
 * <p>Threading: {@link #run} blocks the caller until the sweep is done.
 */
public final class Sweep {
    /** Finished (and partial) runs. */
    public static final String RUNS = "runs";
    /** One log per run. */
    public static final String LOGS = "logs";
    /** The config each run was started with. */
    public static final String REQUESTS = "requests";
    /** The results table. */
    public static final String RESULTS = "results.csv";
    /** The spec, as run. */
    public static final String SPEC = "spec.json";
    /** Where a cluster's shared secret comes from. */
    public static final String SECRET_VARIABLE = "FORESIGHT_SPARK_SECRET";
    private static final Pattern LOOPBACK = Pattern.compile("^spark://(127\\.[0-9.]+|localhost)(:\\d+)?$");
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,(\\d+))?])?");
    /** Spark's heartbeat timeout in an embedded sweep (a week: in effect, none). */
    static final String LOCAL_NETWORK_TIMEOUT = "7d";
    /** How often results.csv is brought up to date while a sweep runs. */
    private static final long RESULTS_REFRESH_SECONDS = 30;
    /** Kept strongly: java.util.logging forgets configured loggers nobody holds. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private Sweep() {
    }

    /**
     * What a sweep did.
     *
     * @param results one per run of the spec, in order
     * @param skipped runs that had finished before
     * @param ran runs trained now that finished
     * @param failed runs recorded as failed
     * @param seconds the sweep's wall time
     * @param sparkStartSeconds how long Spark took to start (0 when nothing was left to run)
     */
    public record Summary(List<RunResult> results, int skipped, int ran, int failed, double seconds,
                          double sparkStartSeconds) {
    }

    /**
     * @param spec what to run (not null)
     * @param out the sweep folder (created if missing)
     * @param master a Spark master: {@code local[*]}, {@code local[N]}, {@code spark://HOST:PORT}
     * @param launcher how runs are started (its sweep folder must be {@code out})
     * @param progress hears one line per event (not null)
     * @return the summary
     * @throws IllegalArgumentException if the master is not understood or a cluster has no secret
     * @throws IOException if the folder cannot be written
     */
    public static Summary run(SweepSpec spec, Path out, String master, RunLauncher launcher, Consumer<String> progress)
            throws IOException {
        long start = System.nanoTime();
        quietSpark();
        SparkConf conf = sparkConf(master, spec.retries());
        List<SweepRun> runs = spec.runs();
        Map<String, List<SweepSpec.Skipped>> leftOut = new LinkedHashMap<>();
        spec.unsupported().forEach(u -> leftOut.computeIfAbsent(u.agent(), a -> new ArrayList<>()).add(u));
        leftOut.forEach((agent, pairs) -> progress.accept("left out " + agent + " on "
                + String.join(", ", pairs.stream().map(SweepSpec.Skipped::env).toList()) + " (" + pairs.get(0).reason() + ")"));
        Set<String> names = new HashSet<>();
        for (SweepRun run : runs) {
            if (!names.add(run.folderName())) {
                throw new IllegalArgumentException("two runs of the spec are the same run: " + run.key());
            }
        }
        Files.createDirectories(out.resolve(RUNS));
        AtomicFiles.write(out.resolve(SPEC), (spec.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        List<SweepRun> pending = runs.stream().filter(r -> !Files.isDirectory(out.resolve(RUNS).resolve(r.folderName())))
                .toList();
        progress.accept(runs.size() + " runs: " + (runs.size() - pending.size()) + " finished before, " + pending.size()
                + " to run on " + master);
        Map<String, RunResult> now = new HashMap<>();
        double sparkStart = 0;
        writeResultsSoFar(runs, out);
        if (!pending.isEmpty()) {
            // While the tasks run, results.csv follows the run folders as they finish (a report of a
            // sweep under way leaves the pending rows out).
            ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "foresight-sweep-results");
                t.setDaemon(true);
                return t;
            });
            refresher.scheduleWithFixedDelay(() -> {
                try {
                    writeResultsSoFar(runs, out);
                } catch (IOException | RuntimeException e) {
                    progress.accept("could not update " + RESULTS + " yet: " + e.getMessage());
                }
            }, RESULTS_REFRESH_SECONDS, RESULTS_REFRESH_SECONDS, TimeUnit.SECONDS);
            try {
                sparkStart = runOnSpark(conf, pending, launcher, spec.retries() + 1, master, now);
            } finally {
                refresher.shutdownNow();
                try {
                    refresher.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        List<RunResult> all = new ArrayList<>();
        int failed = 0;
        int ran = 0;
        for (SweepRun run : runs) {
            RunResult result = now.get(run.folderName());
            if (result == null) {
                result = RunResult.finished(run, out, 0);
            } else if (result.ok()) {
                ran++;
            } else {
                failed++;
                progress.accept("failed: " + result.message());
            }
            all.add(result);
        }
        writeResults(all, out);
        return new Summary(all, runs.size() - pending.size(), ran, failed, (System.nanoTime() - start) / 1e9,
                sparkStart);
    }

    /**
     * Runs the pending runs as Spark tasks, putting each result into {@code now} by folder name.
     *
     * @return how long Spark took to start, in seconds
     */
    private static double runOnSpark(SparkConf conf, List<SweepRun> pending, RunLauncher launcher, int attempts,
                                     String master, Map<String, RunResult> now) {
        long beforeSpark = System.nanoTime();
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            double sparkStart = (System.nanoTime() - beforeSpark) / 1e9;
            List<RunResult> results = spark.parallelize(pending, pending.size())
                    .map(run -> attempt(launcher, run, attempts)).collect();
            results.forEach(r -> now.put(r.run().folderName(), r));
            return sparkStart;
        } catch (IllegalStateException e) {
            if (LOCAL.matcher(master).matches()) {
                throw e;
            }
            throw new IllegalStateException("the Spark cluster at " + master + " stopped the sweep (" + e.getMessage()
                    + "): check that its master and workers are up, that " + SECRET_VARIABLE + " is the cluster's"
                    + " spark.authenticate.secret, and the master's log; finished runs are kept", e);
        }
    }

    /** Writes results.csv with the runs finished so far and the others as {@link RunResult#PENDING}. */
    static void writeResultsSoFar(List<SweepRun> runs, Path out) throws IOException {
        List<RunResult> rows = new ArrayList<>();
        for (SweepRun run : runs) {
            rows.add(Files.isDirectory(out.resolve(RUNS).resolve(run.folderName())) ? RunResult.finished(run, out, 0)
                    : RunResult.pending(run));
        }
        writeResults(rows, out);
    }

    private static void writeResults(List<RunResult> rows, Path out) throws IOException {
        StringBuilder csv = new StringBuilder(RunResult.HEADER).append('\n');
        rows.forEach(r -> csv.append(r.toCsv()).append('\n'));
        AtomicFiles.write(out.resolve(RESULTS), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One task: the run, or on its last attempt a failure row instead of a failed job. */
    private static RunResult attempt(RunLauncher launcher, SweepRun run, int attempts) {
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 1 : task.attemptNumber() + 1;
        try {
            return launcher.launch(run, attempt);
        } catch (RuntimeException e) {
            if (attempt < attempts) {
                throw e; // Spark starts the task again
            }
            Path log = Path.of(LOGS, run.folderName() + ".log");
            return new RunResult(run, "failed", Double.NaN, 0, Double.NaN, attempt, log.toString(),
                    String.valueOf(e.getMessage()));
        }
    }

    /**
     * @param master the master the user gave
     * @param retries task retries
     * @return Spark's settings for it
     */
    static SparkConf sparkConf(String master, int retries) {
        SparkConf conf = new SparkConf().setAppName("foresight-sweep").set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", Integer.toString(retries + 1));
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            String threads = local.group(2) == null ? "1" : local.group(2);
            conf.setMaster("local[" + threads + "," + (retries + 1) + "]");
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    // One process has nobody to lose touch with: a machine that sleeps, or a driver
                    // stopped for minutes, must not end the sweep (Spark's 120 s would).
                    .set("spark.network.timeout", LOCAL_NETWORK_TIMEOUT);
        } else if (master.startsWith("spark://")) {
            String secret = System.getenv(SECRET_VARIABLE);
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("a cluster master needs Spark's authentication: set " + SECRET_VARIABLE
                        + " to the cluster's shared secret (spark.authenticate.secret), or run with --master local[*]");
            }
            conf.setMaster(master).set("spark.authenticate", "true").set("spark.authenticate.secret", secret)
                    // Executors run the sweep's own classes: the jar must be at the same path on every worker.
                    .set("spark.executor.extraClassPath", RunLauncher.absoluteClassPath());
            if (LOOPBACK.matcher(master).find()) {
                conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            }
        } else {
            throw new IllegalArgumentException("unknown Spark master '" + master + "': use local[*], local[N] or"
                    + " spark://HOST:PORT (a standalone cluster; on Kubernetes, run one in pods — the jar has no"
                    + " k8s:// scheduler)");
        }
        return conf;
    }

    /**
     * Spark's INFO lines would bury the sweep's own; its warnings still show, except the two every
     * embedded start prints (the host name's loopback address — the driver binds to 127.0.0.1 on
     * purpose — and Hadoop's missing native library, which a sweep never uses).
     */
    private static synchronized void quietSpark() {
        if (QUIET.isEmpty()) {
            for (String name : List.of("org.apache.spark", "org.sparkproject", "io.netty")) {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(Level.WARNING);
                QUIET.add(logger);
            }
            for (String name : List.of("org.apache.hadoop", "org.apache.spark.util.Utils")) {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(Level.SEVERE);
                QUIET.add(logger);
            }
        }
    }
}
