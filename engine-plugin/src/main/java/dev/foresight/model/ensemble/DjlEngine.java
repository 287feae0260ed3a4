package dev.foresight.model.ensemble;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Selects DJL's PyTorch engine, offline (the CPU natives ship as a Maven dependency), with one
 * intra-op and one inter-op thread unless the system properties {@code ai.djl.pytorch.num_threads}
 * / {@code ai.djl.pytorch.num_interop_threads} say otherwise. One thread keeps training
 * bit-reproducible (with two threads, runs of the same seed were seen to diverge on this machine)
 * and leaves the other cores to physics and planning.
 */
final class DjlEngine {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "foresight-djl");
        thread.setDaemon(true);
        return thread;
    });

    private DjlEngine() {
    }

    /** @return the one thread on which all DJL work runs (a daemon; lives as long as the JVM) */
    static ExecutorService thread() {
        return THREAD;
    }

    /** @return the PyTorch engine, initialising it on first use (takes a few seconds) */
    static synchronized Engine pytorch() {
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

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
