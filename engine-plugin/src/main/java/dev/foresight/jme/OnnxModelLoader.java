package dev.foresight.jme;

import com.jme3.asset.AssetInfo;
import com.jme3.asset.AssetLoader;
import com.jme3.asset.AssetManager;
import dev.foresight.model.ModelKind;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxPolicy;
import java.io.IOException;
import java.io.InputStream;

/**
 * Loads Foresight {@code .onnx} files through jME's {@code AssetManager} for CPU inference with one
 * ONNX Runtime thread (the game keeps the other cores): dynamics models as {@link OnnxDynamicsModel}s
 * (load with an {@link OnnxModelKey}) and policies as {@link OnnxPolicy}s (an {@link OnnxPolicyKey});
 * with a plain key, the kind the file says it holds decides. Typed keys are never cached. A corrupt
 * or foreign file, or a file of the other kind, fails with an {@link IOException} (wrapped by the
 * asset manager in an {@code AssetLoadException}) that names the asset and what it is.
 */
public final class OnnxModelLoader implements AssetLoader {
    /** ONNX Runtime intra-op threads of loaded models. */
    public static final int THREADS = 1;
    /**
     * Stack of the thread that creates the ONNX Runtime session (in bytes): the loader creates it
     * on a helper thread with a generous native stack rather than on jME's render thread (a
     * precaution; a crash first blamed on it came from two copies of Libbulletjme, see
     * {@link dev.foresight.env.physics.PhysicsNatives}).
     */
    static final long SESSION_THREAD_STACK_BYTES = 16L << 20;

    /**
     * Registers this loader for the {@code onnx} extension.
     *
     * @param assetManager the game's asset manager (modified)
     */
    public static void register(AssetManager assetManager) {
        assetManager.registerLoader(OnnxModelLoader.class, "onnx");
    }

    @Override
    public Object load(AssetInfo assetInfo) throws IOException {
        String name = assetInfo.getKey().getName();
        byte[] bytes;
        try (InputStream in = assetInfo.openStream()) {
            bytes = in.readAllBytes();
        }
        boolean policy = assetInfo.getKey() instanceof OnnxPolicyKey
                || !(assetInfo.getKey() instanceof OnnxModelKey) && ModelMetadata.kindOf(bytes) == ModelKind.POLICY;
        Object[] model = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread creator = new Thread(null, () -> {
            try {
                model[0] = policy ? new OnnxPolicy(bytes, name, THREADS)
                        : new OnnxDynamicsModel(bytes, name, THREADS, OnnxDynamicsModel.Device.CPU);
            } catch (IOException | RuntimeException | Error e) {
                failure[0] = e;
            }
        }, "foresight-onnx-loader", SESSION_THREAD_STACK_BYTES);
        creator.start();
        try {
            creator.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading " + name, e);
        }
        if (failure[0] instanceof IOException io) {
            throw io;
        } else if (failure[0] instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure[0] instanceof Error error) {
            throw error;
        }
        return model[0];
    }
}
