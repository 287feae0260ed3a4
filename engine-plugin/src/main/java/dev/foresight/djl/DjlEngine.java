package dev.foresight.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * DJL's PyTorch engine as every trainer in Foresight uses it: offline (the CPU natives ship as a
 * Maven dependency), with one intra-op and one inter-op thread unless the system properties
 * {@code ai.djl.pytorch.num_threads} / {@code ai.djl.pytorch.num_interop_threads} say otherwise,
 * and one JVM-wide thread on which all DJL work runs. One thread keeps training bit-reproducible
 * (with two threads, runs of the same seed were seen to diverge on this machine) and leaves the
 * other cores to physics and planning.
 *
 * <p>Threading: {@link #pytorch()} and {@link #owned} may be called from any thread; NDArray work
 * belongs on {@link #thread()}.
 */
public final class DjlEngine {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "foresight-djl");
        thread.setDaemon(true);
        return thread;
    });

    private DjlEngine() {
    }

    /** @return the one thread on which all DJL work runs (a daemon; lives as long as the JVM) */
    public static ExecutorService thread() {
        return THREAD;
    }

    /** @return the PyTorch engine, initialising it on first use (takes a few seconds) */
    public static synchronized Engine pytorch() {
        NativeEnvironment.setDefault("MKL_CBWR", "AUTO");
        NativeEnvironment.setDefault("OMP_NUM_THREADS", "1");
        NativeEnvironment.setDefault("MKL_NUM_THREADS", "1");
        setDefault("ai.djl.offline", "true");
        setDefault("ai.djl.pytorch.num_threads", "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        if (engine == null) {
            throw new IllegalStateException("DJL's PyTorch engine is not available; check that ai.djl.pytorch:pytorch-engine,"
                    + " pytorch-jni and pytorch-native-cpu are on the classpath");
        }
        // OpenMP's thread count is per calling thread: set it again on the thread that trains.
        JniUtils.setNumThreads(Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads")));
        return engine;
    }

    /**
     * Sets PyTorch's intra-op thread count on the DJL thread (benchmarks compare 1 and 2; training
     * defaults to 1 for bit-reproducibility).
     *
     * @param threads threads (&ge;1)
     */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        pytorch();
        CompletableFuture.runAsync(() -> JniUtils.setNumThreads(threads), THREAD).join();
    }

    /**
     * Runs {@code task} on {@link #thread()} and waits for it; an exception it throws reaches the
     * caller as itself (a checked one wrapped in an {@link IllegalStateException}).
     *
     * @param task the work (not null)
     * @param <T> its result
     * @return the task's result
     */
    public static <T> T call(Callable<T> task) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return task.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, THREAD).join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    /**
     * Closes a manager (and every array it holds) on {@link #thread()}, where its arrays were used.
     *
     * @param manager the manager (not null)
     */
    public static void closeOnThread(NDManager manager) {
        call(() -> {
            manager.close();
            return null;
        });
    }

    /**
     * @param e what a future of work on {@link #thread()} failed with
     * @return the exception the work threw (an {@link Error} is rethrown as itself)
     */
    public static RuntimeException unwrap(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof CompletionException nested && nested.getCause() != null) {
            cause = nested.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /**
     * Copies Java values into an array whose memory libtorch owns. DJL's {@code create(float[])}
     * may leave the tensor pointing into a temporary direct buffer that the garbage collector can
     * free while the tensor is still in use (this corrupted training runs at random); so the values
     * go through a buffer held here until libtorch has cloned them.
     *
     * @param target the manager that will own the array (not null)
     * @param values row-major values, {@code shape.size()} of them (unaffected)
     * @param shape the array's shape
     * @return a new float32 array attached to {@code target}
     */
    public static NDArray owned(NDManager target, float[] values, Shape shape) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(values);
        try (NDArray view = target.create(buffer, shape, DataType.FLOAT32)) {
            return view.duplicate();
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    /**
     * @param target the manager that will own the scalar (not null)
     * @param value the value
     * @return a libtorch-owned {@code [1]} constant (safe to keep in an autograd graph)
     */
    public static NDArray constant(NDManager target, float value) {
        return owned(target, new float[] {value}, new Shape(1));
    }

    /**
     * @param target the manager that will own the parameter (not null)
     * @param values row-major initial values, {@code shape.size()} of them (unaffected)
     * @param shape its shape
     * @return a libtorch-owned float32 array that records gradients (a trainable parameter)
     */
    public static NDArray parameter(NDManager target, float[] values, Shape shape) {
        NDArray array = owned(target, values, shape);
        array.setRequiresGradient(true);
        return array;
    }

    /**
     * Xavier-uniform (Glorot &amp; Bengio 2010) weights: {@code copies} layers {@code [in × out]},
     * concatenated, each value {@code U(−b, b)} with {@code b = √(6 / (in + out))}, drawn in order
     * from {@code random}.
     *
     * @param random the stream (not null)
     * @param copies layers (&ge;1)
     * @param in fan-in
     * @param out fan-out
     * @return {@code copies · in · out} values
     */
    public static float[] xavierUniform(dev.foresight.util.RandomStream random, int copies, int in, int out) {
        float bound = (float) Math.sqrt(6.0 / (in + out));
        float[] w = new float[copies * in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return w;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
