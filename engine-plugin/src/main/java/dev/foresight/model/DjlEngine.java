package dev.foresight.model;

import ai.djl.engine.Engine;

/**
 * Selects DJL's PyTorch engine, offline (the CPU natives ship as a Maven dependency), with one
 * intra-op and one inter-op thread unless the system properties {@code ai.djl.pytorch.num_threads}
 * / {@code ai.djl.pytorch.num_interop_threads} say otherwise. One thread keeps training
 * bit-reproducible (with two threads, runs of the same seed were seen to diverge on this machine)
 * and leaves the other cores to physics and planning.
 */
final class DjlEngine {
    private DjlEngine() {
    }

    /** @return the PyTorch engine, initialising it on first use (takes a few seconds) */
    static synchronized Engine pytorch() {
        setDefault("ai.djl.offline", "true");
        setDefault("ai.djl.pytorch.num_threads", "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        if (engine == null) {
            throw new IllegalStateException("DJL's PyTorch engine is not available; check that ai.djl.pytorch:pytorch-engine,"
                    + " pytorch-jni and pytorch-native-cpu are on the classpath");
        }
        return engine;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
