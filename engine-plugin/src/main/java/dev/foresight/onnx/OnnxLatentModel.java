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
        try {
            checkShapes(dir);
            probe(dir);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Checks every input and output: the names the exporter writes, rank 2, a free batch, the metadata's sizes. */
    private void checkShapes(Path dir) throws IOException {
        if (obsDim < 1 || latentDim < 1 || actions < 2 || obsDim > 1 << 20 || latentDim > 1 << 20 || actions > 1 << 20) {
            throw new IOException(dir + ": MuZero's metadata gives impossible sizes (obs " + obsDim + ", latent "
                    + latentDim + ", actions " + actions + "): export the run again");
        }
        try {
            expect(dir, MuZeroExporter.REPRESENTATION, representation.getInputInfo(), Map.of("obs", obsDim));
            expect(dir, MuZeroExporter.REPRESENTATION, representation.getOutputInfo(), Map.of("latent", latentDim));
            expect(dir, MuZeroExporter.DYNAMICS, dynamics.getInputInfo(), Map.of("latent", latentDim, "action", actions));
            expect(dir, MuZeroExporter.DYNAMICS, dynamics.getOutputInfo(), Map.of("next_latent", latentDim, "reward", 1));
            expect(dir, MuZeroExporter.PREDICTION, prediction.getInputInfo(), Map.of("latent", latentDim));
            expect(dir, MuZeroExporter.PREDICTION, prediction.getOutputInfo(), Map.of("policy_logits", actions, "value", 1));
        } catch (OrtException e) {
            throw new IOException(dir + ": ONNX Runtime cannot describe a MuZero network: " + e.getMessage(), e);
        }
    }

    private static void expect(Path dir, String file, Map<String, ai.onnxruntime.NodeInfo> infos, Map<String, Integer> want)
            throws IOException {
        if (!infos.keySet().equals(want.keySet())) {
            throw new IOException(dir.resolve(file) + " has tensors " + infos.keySet() + ", expected " + want.keySet()
                    + ": export the run again");
        }
        for (Map.Entry<String, Integer> w : want.entrySet()) {
            if (!(infos.get(w.getKey()).getInfo() instanceof ai.onnxruntime.TensorInfo tensor)
                    || tensor.type != ai.onnxruntime.OnnxJavaType.FLOAT || tensor.getShape().length != 2
                    || tensor.getShape()[0] >= 0 || tensor.getShape()[1] != w.getValue()) {
                throw new IOException(dir.resolve(file) + ": '" + w.getKey() + "' is " + infos.get(w.getKey()).getInfo()
                        + ", expected float [batch, " + w.getValue() + "]: export the run again");
            }
        }
    }

    /** Runs one row through the three networks: a file ONNX Runtime loads but cannot run is refused here. */
    private void probe(Path dir) throws IOException {
        float[] latent = new float[latentDim];
        float[] next = new float[latentDim];
        float[] reward = new float[1];
        float[] logits = new float[actions];
        float[] value = new float[1];
        try {
            represent(new float[obsDim], 1, latent);
            dynamics(latent, new int[] {0}, 1, next, reward);
            predict(next, 1, logits, value);
        } catch (IllegalStateException e) {
            throw new IOException(dir + ": MuZero's networks load but do not run (" + e.getMessage() + "): export the"
                    + " run again", e);
        }
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
