package dev.foresight.onnx;

import ai.onnxruntime.OrtEnvironment;

/**
 * The process's ONNX Runtime environment, created on a thread with a 16 MB stack. ONNX Runtime
 * 1.29 crashed the JVM (SIGSEGV, no error report) while creating its environment on a thread with
 * the default 1 MB stack when the process's command line was long (about 7 KB: a build tool's
 * class path, or many arguments); created once on a large stack, it is then used from any thread.
 */
final class OrtEnvironments {
    private static final long STACK_BYTES = 16L << 20;
    private static OrtEnvironment environment;

    private OrtEnvironments() {
    }

    /** @return the shared environment (created on first use) */
    static synchronized OrtEnvironment get() {
        if (environment == null) {
            Throwable[] failure = new Throwable[1];
            Thread creator = new Thread(null, () -> {
                try {
                    OrtEnvironment.getEnvironment();
                } catch (Throwable t) {
                    failure[0] = t;
                }
            }, "foresight-onnx-runtime-init", STACK_BYTES);
            creator.start();
            try {
                creator.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting ONNX Runtime", e);
            }
            if (failure[0] instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure[0] instanceof Error error) {
                throw error;
            }
            if (failure[0] != null) {
                throw new IllegalStateException("ONNX Runtime could not start: " + failure[0], failure[0]);
            }
            environment = OrtEnvironment.getEnvironment();
        }
        return environment;
    }
}
