package dev.foresight.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.logging.Logger;

/** Opens ONNX Runtime sessions the way every Foresight model runs: all graph optimisations, no spinning workers, CUDA on request. */
final class Sessions {
    /**
     * The system property that sets the intra-op threads of sessions opened with 0 ("ONNX Runtime's
     * default"): e.g. {@code -Dforesight.ort.threads=1} for each run of a sweep that trains several
     * runs side by side, so that they do not fight over the cores.
     */
    static final String THREADS_PROPERTY = "foresight.ort.threads";
    private static final Logger logger = Logger.getLogger(Sessions.class.getName());
    private static boolean cudaFallbackLogged;

    private Sessions() {
    }

    /**
     * @param session the session (the caller closes it)
     * @param usingCuda whether it runs on CUDA
     */
    record Opened(OrtSession session, boolean usingCuda) {
    }

    /**
     * @param environment the environment ({@link OrtEnvironments#get()})
     * @param bytes the model
     * @param intraOpThreads intra-op threads (0: the {@value #THREADS_PROPERTY} property if set, else
     *                       ONNX Runtime's default, all cores)
     * @param device where to run
     * @return the session
     * @throws OrtException if ONNX Runtime cannot load the bytes
     */
    static Opened open(OrtEnvironment environment, byte[] bytes, int intraOpThreads, OnnxDynamicsModel.Device device)
            throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            int threads = intraOpThreads > 0 ? intraOpThreads : Integer.getInteger(THREADS_PROPERTY, 0);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            // ONNX Runtime's workers otherwise spin between calls, taking the cores that the
            // planner's own Java work (sampling, rewards) and the game need in between.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            boolean cuda = device == OnnxDynamicsModel.Device.AUTO && tryCuda(options);
            return new Opened(environment.createSession(bytes, options), cuda);
        }
    }

    private static boolean tryCuda(OrtSession.SessionOptions options) {
        try {
            options.addCUDA(0);
            logger.info("ONNX Runtime: using CUDA device 0");
            return true;
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            synchronized (Sessions.class) {
                if (!cudaFallbackLogged) {
                    cudaFallbackLogged = true;
                    logger.info("ONNX Runtime: CUDA unavailable (" + e.getMessage() + "); using the CPU");
                }
            }
            return false;
        }
    }

    /** Closes a session, logging (never throwing) a failure; null is ignored. */
    static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                logger.warning("closing an ONNX Runtime session failed: " + e.getMessage());
            }
        }
    }
}
