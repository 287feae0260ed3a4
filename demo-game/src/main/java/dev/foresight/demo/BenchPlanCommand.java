package dev.foresight.demo;

import dev.foresight.demo.bench.JitWarmUp;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.model.Prediction;
import dev.foresight.model.ensemble.EnsembleWeights;
import dev.foresight.model.ensemble.Normalizer;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import dev.foresight.planning.MpcPlanner;
import dev.foresight.planning.OptimizerKind;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.planning.Planners;
import dev.foresight.planning.ShardedRollouts;
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
 * Times full planning calls on an ensemble of the configuration's size (random weights: the shapes
 * are what matter) for the cart-pole task (obs 5, action 1), next to a bare ONNX Runtime forward
 * of the same ensemble and batch in the same run.
 */
@Command(name = "bench-plan", mixinStandardHelpOptions = true,
        description = {"Time one full planning call (median and p99 of --calls) for a preset, next to a bare ONNX",
                "Runtime forward of the same ensemble and batch. Last line:",
                "config=C threads=N plan_ms_p50=X plan_ms_p99=Y model_rows_per_s=R ort_forward_rows_per_s=F ratio=R/F",
                "(with --optimizer ilqr: config=C optimizer=ilqr threads=N plan_ms_p50=X plan_ms_p99=Y); with --contend K",
                "the line ends with contend=K.",
                "(a row is one member evaluating one input; F is the faster of one N-thread session and N one-thread",
                "sessions in parallel)."})
final class BenchPlanCommand implements Runnable {
    @Option(names = "--config", defaultValue = "realtime", description = "paper, notebook or realtime (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--threads", defaultValue = "2", description = "Threads the planner may use (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--shards", description = "Planner threads rolling out a share of the population each, with"
            + " threads/shards ONNX Runtime threads per session (default: as many as --threads, one ONNX Runtime thread each).")
    Integer shards;

    @Option(names = "--optimizer", description = "Plan with this optimiser (cem, mppi, random or ilqr) at the preset's"
            + " horizon instead of the preset's own; with ilqr the last line has no rows or ratio (iLQR's model calls"
            + " are small: see its Javadoc).")
    String optimizer;

    @Option(names = "--schedule", defaultValue = "spin", description = "How shard threads meet: spin, yield, park or"
            + " adaptive (yield, and run the shards one after another when they do not get their cores; default:"
            + " ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--contend", defaultValue = "0", description = "Busy threads running beside the planner and the bare"
            + " forward for the whole benchmark, warm-up included (a render thread's stand-in; default: ${DEFAULT-VALUE}).")
    int contend;

    @Option(names = "--calls", defaultValue = "30", description = "Timed planning calls (default: ${DEFAULT-VALUE}).")
    int calls;

    @Override
    public void run() {
        if (threads < 1 || calls < 1 || contend < 0 || (shards != null && (shards < 1 || shards > threads))) {
            throw new IllegalArgumentException("--threads and --calls must be >= 1, --contend >= 0, and 1 <= --shards"
                    + " <= --threads");
        }
        BusyThreads busy = new BusyThreads(contend);
        try {
            bench();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            busy.close();
        }
    }

    private void bench() throws IOException {
        PlannerConfig planner = PlannerConfig.named(config);
        if (optimizer != null) {
            OptimizerKind kind = OptimizerKind.parse(optimizer);
            planner = planner.withOptimizer(kind.settings(planner.optimizer().population(),
                    planner.optimizer().iterations()));
            if (kind == OptimizerKind.ILQR) {
                planner = planner.withOptimizer(PlannerConfig.ilqr().optimizer());
            }
        }
        List<Integer> hidden = config.equals("realtime") ? List.of(64, 64) : List.of(200, 200, 200);
        int members = 5;
        EnvSpec spec;
        try (PhysicsEnvironment environment = BuiltInTasks.environment("cartpole")) {
            spec = environment.spec();
        }
        Path file = Files.createTempFile("foresight-bench-plan", ".onnx");
        try {
            OnnxExporter.export(EnsembleWeights.random(members, spec.obsDim(), spec.actionDim(), hidden, 7),
                    ModelMetadata.of(spec, 0, Map.of("weights", "random, for benchmarking")), file);
            int shardCount = shards != null ? shards : threads;
            try (OnnxDynamicsModel model = new OnnxDynamicsModel(file, threads / shardCount, OnnxDynamicsModel.Device.CPU);
                 OnnxDynamicsModel bare = new OnnxDynamicsModel(file, threads, OnnxDynamicsModel.Device.CPU);
                 MpcPlanner mpc = Planners.builder(planner, spec, model, 3).optShards(shardCount)
                         .optSchedule(parseSchedule(schedule)).build()) {
                RandomStream random = new RandomStream(5);
                float[] obs = new float[spec.obsDim()];
                List<Double> millis = new ArrayList<>();
                // Warm-up, untimed: at least 20 calls and 3 s, then until the JIT has been quiet for 1 s
                // (it compiles the shards' loops late; at most 30 s).
                double warmSeconds = JitWarmUp.run(() -> planOnce(mpc, obs, random), 20, 3, 30);
                for (int c = 0; c < calls; c++) {
                    millis.add(planOnce(mpc, obs, random));
                }
                double p50 = Medians.of(millis);
                double p99 = Medians.percentile(millis, 0.99);
                if (mpc.objective() instanceof ShardedRollouts sharded && sharded.schedule() == ShardedRollouts.Schedule.ADAPTIVE) {
                    long[] counts = sharded.evaluationsAndSerial();
                    System.out.printf(Locale.ROOT, "adaptive shards: %d of %d evaluations ran serially; core share %.2f%n",
                            counts[1], counts[0], sharded.coreShare());
                }
                if (planner.optimizer().kind() == OptimizerKind.ILQR) {
                    System.out.printf(Locale.ROOT, "%s sizes: %s, horizon %d, ensemble %d x %s (mean); warm-up %.1f s%n",
                            config, planner.optimizer(), planner.horizon(), members, hidden, warmSeconds);
                    System.out.printf(Locale.ROOT, "config=%s optimizer=ilqr threads=%d plan_ms_p50=%.2f plan_ms_p99=%.2f%s%n",
                            config, threads, p50, p99, contendSuffix());
                    return;
                }
                int particles = planner.propagation() == dev.foresight.model.Propagation.EXPECTATION ? members : planner.particles();
                int perMember = (planner.optimizer().population() * particles + members - 1) / members;
                // Model calls per plan: one per horizon step per iteration, plus the final-mean check.
                long rowsPerPlan = (long) planner.horizon() * planner.optimizer().iterations() * members * perMember
                        + (long) planner.horizon() * members * ((particles + members - 1) / members);
                double modelRows = rowsPerPlan / (p50 / 1000);
                // The bare forward at its best with the same threads: one session with N intra-op
                // threads on the whole batch, or N one-thread sessions on a share each, in parallel.
                double forwardMs = timeForward(bare, perMember, random);
                if (threads > 1) {
                    forwardMs = Math.min(forwardMs, timeParallelForward(model, threads, perMember, random));
                }
                double forwardRows = members * perMember / (forwardMs / 1000);
                System.out.printf(Locale.ROOT, "%s: %s, horizon %d, %d particles %s, ensemble %d x %s;"
                        + " planner: %d shard(s) x %d ONNX Runtime thread(s); warm-up %.1f s; bare forward of %d x %d rows"
                        + " with %d threads: %.3f ms%n", config, planner.optimizer(), planner.horizon(),
                        planner.particles(), planner.propagation(), members, hidden, shardCount, threads / shardCount,
                        warmSeconds, members, perMember, threads, forwardMs);
                System.out.printf(Locale.ROOT, "config=%s threads=%d plan_ms_p50=%.2f plan_ms_p99=%.2f model_rows_per_s=%.0f"
                        + " ort_forward_rows_per_s=%.0f ratio=%.3f%s%n", config, threads, p50, p99, modelRows, forwardRows,
                        modelRows / forwardRows, contendSuffix());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private String contendSuffix() {
        return (contend > 0 ? " contend=" + contend : "")
                + (schedule.equals("spin") ? "" : " schedule=" + schedule.toLowerCase(Locale.ROOT));
    }

    private static ShardedRollouts.Schedule parseSchedule(String name) {
        for (ShardedRollouts.Schedule s : ShardedRollouts.Schedule.values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown --schedule '" + name + "'; known: spin, yield, park, adaptive");
    }

    /** Threads that keep a core busy with arithmetic until closed (what a render thread does to a planner). */
    private static final class BusyThreads implements AutoCloseable {
        private volatile boolean running = true;
        private final List<Thread> threads = new ArrayList<>();
        /** Written so that the work cannot be optimised away. */
        private volatile double sink;

        BusyThreads(int count) {
            for (int i = 0; i < count; i++) {
                Thread thread = new Thread(() -> {
                    double x = 1.0;
                    while (running) {
                        for (int k = 0; k < 100_000; k++) {
                            x = x * 1.0000001 + 1e-9;
                        }
                        sink = x;
                    }
                }, "busy-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        @Override
        public void close() {
            running = false;
            for (Thread thread : threads) {
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** @return milliseconds of one planning call from a random state */
    private static double planOnce(MpcPlanner mpc, float[] obs, RandomStream random) {
        for (int d = 0; d < obs.length; d++) {
            obs[d] = (float) random.nextGaussian();
        }
        mpc.setState(obs);
        long start = System.nanoTime();
        mpc.optimize(0);
        double millis = (System.nanoTime() - start) / 1e6;
        mpc.advance(1);
        return millis;
    }

    /** @return median milliseconds of a bare forward with n rows per member */
    private static double timeForward(OnnxDynamicsModel model, int n, RandomStream random) {
        int e = model.ensembleSize();
        float[] obs = new float[e * n * model.obsDim()];
        float[] action = new float[e * n * model.actionDim()];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) random.nextGaussian();
        }
        Prediction out = new Prediction(e, n, model.obsDim());
        List<Double> millis = new ArrayList<>();
        for (int k = -20; k < 200; k++) {
            long start = System.nanoTime();
            model.predict(obs, action, n, out);
            if (k >= 0) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        return Medians.of(millis);
    }

    /**
     * @return milliseconds per forward for {@code threads} one-thread sessions, each on its share of
     *         n rows per member, running free in parallel (total wall time over the calls)
     */
    private static double timeParallelForward(OnnxDynamicsModel model, int threads, int n, RandomStream random) {
        int share = (n + threads - 1) / threads;
        int calls = 300;
        List<OnnxDynamicsModel> sessions = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        try {
            int e = model.ensembleSize();
            float[] obs = new float[e * share * model.obsDim()];
            float[] action = new float[e * share * model.actionDim()];
            for (int i = 0; i < obs.length; i++) {
                obs[i] = (float) random.nextGaussian();
            }
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads + 1);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                OnnxDynamicsModel session = model.duplicate();
                sessions.add(session);
                Prediction out = new Prediction(e, share, model.obsDim());
                Thread worker = new Thread(() -> {
                    for (int k = 0; k < 30; k++) {
                        session.predict(obs, action, share, out); // warm-up
                    }
                    try {
                        start.await();
                    } catch (InterruptedException | java.util.concurrent.BrokenBarrierException ex) {
                        return;
                    }
                    for (int k = 0; k < calls; k++) {
                        session.predict(obs, action, share, out);
                    }
                    done.countDown();
                });
                workers.add(worker);
                worker.start();
            }
            start.await();
            long begin = System.nanoTime();
            done.await();
            return (System.nanoTime() - begin) / 1e6 / calls;
        } catch (InterruptedException | java.util.concurrent.BrokenBarrierException ex) {
            throw new IllegalStateException("parallel forward failed: " + ex.getMessage(), ex);
        } finally {
            for (Thread worker : workers) {
                try {
                    worker.join();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            sessions.forEach(OnnxDynamicsModel::close);
        }
    }
}
