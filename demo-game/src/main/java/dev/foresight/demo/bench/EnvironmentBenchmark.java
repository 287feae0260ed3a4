package dev.foresight.demo.bench;

import dev.foresight.env.AsyncVectorEnvironment;
import dev.foresight.env.StepResult;
import dev.foresight.env.VectorEnvironment;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.util.Medians;
import dev.foresight.util.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures environment steps per second against raw Minie stepping of the same scenes, in one run:
 * one scene on the calling thread, and {@code scenes} scenes on {@code threads} threads — through
 * the lock-step {@link VectorEnvironment}, through the {@link AsyncVectorEnvironment} (batches of
 * {@code batchSize}), as raw scenes on free-running threads, and as raw scenes in lock-step. Each
 * figure is the median of {@code repeats} timed windows, all kinds interleaved so that machine
 * noise hits them alike, and each ratio the median of the per-repeat ratios. Actions are drawn
 * before timing.
 */
public final class EnvironmentBenchmark {
    /**
     * Medians for one task: throughputs in control steps per second (all scenes together), and
     * ratios as medians of the per-repeat ratios (each from windows measured moments apart, which
     * cancels most of a shared machine's slow drifts).
     *
     * @param singleRatio one environment over one raw scene
     * @param syncRatio the lock-step vector environment over raw scenes on free-running threads
     * @param asyncRatio the asynchronous vector environment over raw scenes on free-running threads
     * @param lockStepRatio raw scenes in lock-step over free-running: the cost of synchronising alone
     */
    public record Result(String task, double singleEnv, double singleRaw, double vectorEnv, double vectorAsync,
                         double vectorRaw, double vectorRawLockStep, double singleRatio, double syncRatio,
                         double asyncRatio, double lockStepRatio) {
    }

    private static final int ACTION_BLOCK = 4096;

    private final double windowSeconds;
    private final int repeats;
    private final int scenes;
    private final int threads;
    private final int batchSize;

    /**
     * @param windowSeconds length of one timed window (in seconds, &gt;0)
     * @param repeats timed windows per figure (&ge;1)
     * @param scenes scenes in the vectorised measurement (&ge;threads)
     * @param threads threads in the vectorised measurement (&ge;1)
     * @param batchSize environments per batch of the asynchronous measurement (1..scenes)
     */
    public EnvironmentBenchmark(double windowSeconds, int repeats, int scenes, int threads, int batchSize) {
        this.windowSeconds = windowSeconds;
        this.repeats = repeats;
        this.scenes = scenes;
        this.threads = threads;
        this.batchSize = batchSize;
    }

    /**
     * @param task a built-in task name
     * @return the medians
     */
    public Result run(String task) {
        List<Double> singleEnv = new ArrayList<>();
        List<Double> singleRaw = new ArrayList<>();
        List<Double> vectorEnv = new ArrayList<>();
        List<Double> vectorAsync = new ArrayList<>();
        List<Double> vectorRaw = new ArrayList<>();
        List<Double> vectorRawLockStep = new ArrayList<>();
        try (PhysicsEnvironment env = BuiltInTasks.environment(task);
             RawScene raw = new RawScene(task, 1);
             VectorEnvironment vector = new VectorEnvironment(i -> BuiltInTasks.environment(task), scenes, threads);
             AsyncVectorEnvironment async = new AsyncVectorEnvironment(i -> BuiltInTasks.environment(task), scenes,
                     threads, batchSize);
             VectorEnvironment lockStepRaw = new VectorEnvironment(i -> new LockStepRawEnvironment(task, i), scenes, threads)) {
            float[][] actions = actions(env.spec().continuousActions("bench").low(), env.spec().continuousActions("bench").high(), 1);
            float[][] vectorActions = actions(env.spec().continuousActions("bench").low(), env.spec().continuousActions("bench").high(), scenes);
            float[][] batchActions = actions(env.spec().continuousActions("bench").low(), env.spec().continuousActions("bench").high(), batchSize);
            env.reset(1);
            vector.reset(1);
            async.reset(1);
            // Warm-up round, discarded: JIT compilation and native caches.
            timeSingleEnv(env, actions);
            timeSingleRaw(raw, actions);
            timeVector(vector, vectorActions);
            timeAsync(async, batchActions);
            timeVectorRaw(task, actions);
            timeVector(lockStepRaw, vectorActions);
            for (int r = 0; r < repeats; r++) {
                singleEnv.add(timeSingleEnv(env, actions));
                singleRaw.add(timeSingleRaw(raw, actions));
                vectorEnv.add(timeVector(vector, vectorActions));
                vectorAsync.add(timeAsync(async, batchActions));
                vectorRaw.add(timeVectorRaw(task, actions));
                vectorRawLockStep.add(timeVector(lockStepRaw, vectorActions));
            }
        }
        return new Result(task, Medians.of(singleEnv), Medians.of(singleRaw), Medians.of(vectorEnv), Medians.of(vectorAsync),
                Medians.of(vectorRaw), Medians.of(vectorRawLockStep), Medians.ofRatios(singleEnv, singleRaw),
                Medians.ofRatios(vectorEnv, vectorRaw), Medians.ofRatios(vectorAsync, vectorRaw),
                Medians.ofRatios(vectorRawLockStep, vectorRaw));
    }

    private double timeSingleEnv(PhysicsEnvironment env, float[][] actions) {
        long[] next = {0};
        return stepsPerSecond(64, () -> {
            StepResult result = env.step(actions[(int) (next[0]++ % ACTION_BLOCK)]);
            if (result.done()) {
                env.reset();
            }
        });
    }

    private double timeSingleRaw(RawScene raw, float[][] actions) {
        long[] next = {0};
        return stepsPerSecond(64, () -> raw.step(actions[(int) (next[0]++ % ACTION_BLOCK)]));
    }

    private double timeVector(VectorEnvironment vector, float[][] actions) {
        long[] next = {0};
        return scenes * stepsPerSecond(8, () -> vector.step(actions[(int) (next[0]++ % ACTION_BLOCK)]));
    }

    /** Steps with the asynchronous environment: each received batch is sent the next block of actions. */
    private double timeAsync(AsyncVectorEnvironment async, float[][] actions) {
        long[] next = {0};
        return batchSize * stepsPerSecond(8, () -> async.send(async.recv(), actions[(int) (next[0]++ % ACTION_BLOCK)]));
    }

    /**
     * Calls {@code step} in blocks until the window is over.
     *
     * @return calls per second
     */
    private double stepsPerSecond(int block, Runnable step) {
        long calls = 0;
        long start = System.nanoTime();
        long end = start + (long) (windowSeconds * 1e9);
        long now;
        do {
            for (int k = 0; k < block; k++) {
                step.run();
            }
            calls += block;
            now = System.nanoTime();
        } while (now < end);
        return calls / ((now - start) / 1e9);
    }

    /** Raw stepping of {@code scenes} scenes split over {@code threads} free-running threads. */
    private double timeVectorRaw(String task, float[][] actions) {
        AtomicLong total = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int part = t;
            Thread worker = new Thread(() -> {
                List<RawScene> mine = new ArrayList<>();
                for (int i = part; i < scenes; i += threads) {
                    mine.add(new RawScene(task, i));
                }
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long end = System.nanoTime() + (long) (windowSeconds * 1e9);
                long steps = 0;
                int round = 0;
                while (System.nanoTime() < end) {
                    float[] action = actions[round++ % ACTION_BLOCK];
                    for (RawScene scene : mine) {
                        scene.step(action);
                    }
                    steps += mine.size();
                }
                total.addAndGet(steps);
                mine.forEach(RawScene::close);
            }, "foresight-bench-raw-" + t);
            workers.add(worker);
            worker.start();
        }
        try {
            ready.await();
            go.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return total.get() / windowSeconds;
    }

    private static float[][] actions(float[] low, float[] high, int rows) {
        RandomStream random = new RandomStream(42);
        float[][] actions = new float[ACTION_BLOCK][rows * low.length];
        for (float[] block : actions) {
            for (int i = 0; i < block.length; i++) {
                int d = i % low.length;
                block[i] = (float) (low[d] + (high[d] - low[d]) * random.nextDouble());
            }
        }
        return actions;
    }

}
