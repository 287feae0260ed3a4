package dev.foresight.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.foresight.model.ModelKind;
import dev.foresight.model.latent.LatentModel;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * MuZero's three exported networks ({@link MuZeroExporter}) run in ONNX Runtime, one intra-op
 * thread each: a {@link LatentModel} that a game searches with, without DJL.
 *
 * <p>Threading: not thread-safe; use one instance per thread.
 */
public final class OnnxLatentModel implements LatentModel, AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession representation;
    private final OrtSession dynamics;
    private final OrtSession prediction;
    private final Map<String, String> metadata;
    private final int obsDim;
    private final int latentDim;
    private final int actions;

    /**
     * @param dir the folder holding the three files (a MuZero run's folder)
     * @throws IOException if a file is missing, corrupt, of another kind or role, or the three do not fit together
     */
    public OnnxLatentModel(Path dir) throws IOException {
        this.environment = OrtEnvironments.get();
        OrtSession[] sessions = new OrtSession[3];
        String[] files = {MuZeroExporter.REPRESENTATION, MuZeroExporter.DYNAMICS, MuZeroExporter.PREDICTION};
        String[] roles = {"representation", "dynamics", "prediction"};
        try {
            for (int i = 0; i < 3; i++) {
                Path file = dir.resolve(files[i]);
                byte[] bytes = Files.readAllBytes(ModelFiles.requireFile(file));
                sessions[i] = Sessions.open(environment, bytes, 1, OnnxDynamicsModel.Device.CPU).session();
                Map<String, String> meta = sessions[i].getMetadata().getCustomMetadata();
                ModelFiles.requireKind(file.toString(), meta.get(ModelMetadata.FORMAT_KEY), ModelKind.LATENT);
                if (!roles[i].equals(meta.get(MuZeroExporter.ROLE_KEY))) {
                    throw new IOException(file + " holds MuZero's " + meta.get(MuZeroExporter.ROLE_KEY)
                            + " network, not its " + roles[i] + " network: export the run again");
                }
            }
            this.metadata = sessions[0].getMetadata().getCustomMetadata();
            this.obsDim = integer(dir, "foresight.muzero.obs_dim");
            this.latentDim = integer(dir, "foresight.muzero.latent_dim");
            this.actions = integer(dir, "foresight.muzero.actions");
            for (int i = 1; i < 3; i++) {
                Map<String, String> meta = sessions[i].getMetadata().getCustomMetadata();
                if (!String.valueOf(latentDim).equals(meta.get("foresight.muzero.latent_dim"))
                        || !String.valueOf(actions).equals(meta.get("foresight.muzero.actions"))) {
                    throw new IOException(dir + ": MuZero's three files come from different runs (latent sizes or"
                            + " action counts differ): export them together");
                }
            }
        } catch (OrtException e) {
            for (OrtSession s : sessions) {
                Sessions.closeQuietly(s);
            }
            throw new IOException(dir + " holds a MuZero file ONNX Runtime cannot load (corrupt or truncated?): "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            for (OrtSession s : sessions) {
                Sessions.closeQuietly(s);
            }
            throw e;
        }
        this.representation = sessions[0];
        this.dynamics = sessions[1];
        this.prediction = sessions[2];
    }

    private int integer(Path dir, String key) throws IOException {
        try {
            return Integer.parseInt(metadata.get(key));
        } catch (NumberFormatException e) {
            throw new IOException(dir + ": the MuZero files lack the metadata '" + key + "': export them again", e);
        }
    }

    /** @return the representation file's metadata (environment, agent, seed, …; unmodifiable) */
    public Map<String, String> metadata() {
        return Map.copyOf(metadata);
    }

    @Override
    public int obsDim() {
        return obsDim;
    }

    @Override
    public int latentDim() {
        return latentDim;
    }

    @Override
    public int actions() {
        return actions;
    }

    @Override
    public void represent(float[] obs, int n, float[] latent) {
        try (OnnxTensor in = tensor(obs, n, obsDim);
             OrtSession.Result result = representation.run(Map.of("obs", in))) {
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(latent, 0, n * latentDim);
        } catch (OrtException e) {
            throw failed("representation", e);
        }
    }

    @Override
    public void dynamics(float[] latent, int[] actionIndices, int n, float[] next, float[] rewards) {
        float[] oneHot = new float[n * actions];
        for (int r = 0; r < n; r++) {
            oneHot[r * actions + actionIndices[r]] = 1f;
        }
        try (OnnxTensor state = tensor(latent, n, latentDim);
             OnnxTensor action = tensor(oneHot, n, actions);
             OrtSession.Result result = dynamics.run(Map.of("latent", state, "action", action))) {
            ((OnnxTensor) result.get("next_latent").orElseThrow()).getFloatBuffer().get(next, 0, n * latentDim);
            ((OnnxTensor) result.get("reward").orElseThrow()).getFloatBuffer().get(rewards, 0, n);
        } catch (OrtException e) {
            throw failed("dynamics", e);
        }
    }

    @Override
    public void predict(float[] latent, int n, float[] logits, float[] values) {
        try (OnnxTensor state = tensor(latent, n, latentDim);
             OrtSession.Result result = prediction.run(Map.of("latent", state))) {
            ((OnnxTensor) result.get("policy_logits").orElseThrow()).getFloatBuffer().get(logits, 0, n * actions);
            ((OnnxTensor) result.get("value").orElseThrow()).getFloatBuffer().get(values, 0, n);
        } catch (OrtException e) {
            throw failed("prediction", e);
        }
    }

    private OnnxTensor tensor(float[] values, int n, int dim) throws OrtException {
        return OnnxTensor.createTensor(environment, FloatBuffer.wrap(values, 0, n * dim), new long[] {n, dim});
    }

    private static IllegalStateException failed(String role, OrtException e) {
        return new IllegalStateException("ONNX Runtime failed on MuZero's " + role + " network: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        Sessions.closeQuietly(representation);
        Sessions.closeQuietly(dynamics);
        Sessions.closeQuietly(prediction);
    }
}
