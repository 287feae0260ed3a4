package dev.foresight.model;

import ai.djl.engine.Engine;

/** Selects DJL's PyTorch engine, offline (the CPU natives ship as a Maven dependency). */
final class DjlEngine {
    private DjlEngine() {
    }

    /** @return the PyTorch engine, initialising it on first use (takes a few seconds) */
    static synchronized Engine pytorch() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Engine engine = Engine.getEngine("PyTorch");
        if (engine == null) {
            throw new IllegalStateException("DJL's PyTorch engine is not available; check that ai.djl.pytorch:pytorch-engine,"
                    + " pytorch-jni and pytorch-native-cpu are on the classpath");
        }
        return engine;
    }
}
