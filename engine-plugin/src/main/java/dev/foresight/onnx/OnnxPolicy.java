package dev.foresight.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.ModelKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A policy exported by {@link PolicyExporter}, run in ONNX Runtime: {@code obs [N, obsDim]} →
 * {@code action [N, actionDim]}, and where the file carries its critic, {@code value [N, 1]}
 * ({@link #values}). The tensors of the last batch size stay bound to direct buffers,
 * so that acting for one agent per control step costs one {@code run} and two copies.
 *
 * <p>Threading: not thread-safe (the buffers are shared); use one instance per thread.
 */
public final class OnnxPolicy implements AutoCloseable {
    private final String source;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Map<String, String> metadata;
    private final String envName;
    private final int obsDim;
    private final int actionDim;
    private final boolean hasValue;
    private Binding binding;

    /**
     * Loads a policy for CPU inference with one intra-op thread (a policy is small; one thread is fastest).
     *
     * @param file a {@code policy.onnx}
     * @throws IOException if the file is missing, corrupt or not a Foresight policy (another kind is named)
     */
    public OnnxPolicy(Path file) throws IOException {
        this(file.toString(), Files.readAllBytes(ModelFiles.requireFile(file)), 1);
    }

    /**
     * @param model the bytes of a {@code policy.onnx} (unaffected), e.g. from a game's assets
     * @param source where they came from, for messages
     * @param intraOpThreads ONNX Runtime intra-op threads (0: its default)
     * @throws IOException if the bytes are not a loadable Foresight policy
     */
    public OnnxPolicy(byte[] model, String source, int intraOpThreads) throws IOException {
        this(source, model.clone(), intraOpThreads);
    }

    private OnnxPolicy(String source, byte[] bytes, int intraOpThreads) throws IOException {
        this.source = source;
        this.environment = OrtEnvironments.get();
        OrtSession opened = null;
        try {
            opened = Sessions.open(environment, bytes, intraOpThreads, OnnxDynamicsModel.Device.CPU).session();
            this.session = opened;
            this.metadata = opened.getMetadata().getCustomMetadata();
            ModelFiles.requireKind(source, metadata.get(ModelMetadata.FORMAT_KEY), ModelKind.POLICY);
            long[] in = shape(opened.getInputInfo(), "obs");
            Map<String, NodeInfo> outputs = opened.getOutputInfo();
            this.hasValue = outputs.size() == 2 && outputs.containsKey("value");
            long[] out = shape(hasValue ? Map.of("action", outputs.get("action")) : outputs, "action");
            if (in[0] >= 0 || out[0] >= 0 || in[1] < 1 || out[1] < 1) {
                throw new IOException(source + ": a policy maps obs [batch, obsDim] to action [batch, actionDim] with a"
                        + " dynamic batch; got obs " + Arrays.toString(in) + ", action " + Arrays.toString(out));
            }
            this.obsDim = (int) in[1];
            this.actionDim = (int) out[1];
            this.envName = metadata.getOrDefault("foresight.env", "");
        } catch (OrtException e) {
            Sessions.closeQuietly(opened);
            throw new IOException(source + " is not a loadable ONNX model (corrupt or truncated?): " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            Sessions.closeQuietly(opened);
            throw e;
        }
    }

    private long[] shape(Map<String, NodeInfo> infos, String name) throws IOException {
        NodeInfo info = infos.get(name);
        if (infos.size() != 1 || info == null || !(info.getInfo() instanceof TensorInfo tensor)
                || tensor.getShape().length != 2) {
            throw new IOException(source + ": a policy has one rank-2 float tensor '" + name + "'; the model has "
                    + infos.keySet());
        }
        return tensor.getShape();
    }

    /** @return the observation size */
    public int obsDim() {
        return obsDim;
    }

    /** @return the action size */
    public int actionDim() {
        return actionDim;
    }

    /** @return the environment name stored in the file ("" if none) */
    public String envName() {
        return envName;
    }

    /** @return the metadata stored in the file (unmodifiable) */
    public Map<String, String> metadata() {
        return Map.copyOf(metadata);
    }

    /**
     * @param spec the environment's spec (not null)
     * @throws IllegalArgumentException naming both values if the sizes or the environment differ
     */
    public void requireCompatible(EnvSpec spec) {
        ModelFiles.requireCompatible(source, envName, obsDim, actionDim, spec);
    }

    /**
     * The action for one observation.
     *
     * @param obs {@code [obsDim]} (unaffected)
     * @param action storage for {@code [actionDim]} (modified)
     */
    public void act(float[] obs, float[] action) {
        act(obs, 1, action);
    }

    /**
     * The actions for a batch of observations, in one call.
     *
     * @param obs {@code [n × obsDim]} (unaffected)
     * @param n rows (&ge;1)
     * @param actions storage for {@code [n × actionDim]} (modified)
     * @throws IllegalArgumentException if an array is too short for {@code n}
     */
    public void act(float[] obs, int n, float[] actions) {
        if (n < 1 || obs.length < n * obsDim || actions.length < n * actionDim) {
            throw new IllegalArgumentException("for n=" + n + " the policy needs obs of length n·" + obsDim
                    + " and room for n·" + actionDim + " actions; got " + obs.length + " and " + actions.length);
        }
        if (binding == null || binding.rows != n) {
            if (binding != null) {
                binding.close();
            }
            binding = new Binding(n);
        }
        binding.obs.clear();
        binding.obs.put(obs, 0, n * obsDim);
        try {
            session.run(binding.inputs, binding.outputs).close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
        binding.action.clear();
        binding.action.get(actions, 0, n * actionDim);
    }

    /** @return whether the file carries the critic's value ({@link #values}) */
    public boolean hasValue() {
        return hasValue;
    }

    /**
     * The critic's value of each observation (in reward units: the return it expects from there).
     *
     * @param obs {@code [n × obsDim]} (unaffected)
     * @param n rows (&ge;1)
     * @param values storage for {@code [n]} (modified)
     * @throws IllegalStateException if the file has no value output ({@link #hasValue()})
     */
    public void values(float[] obs, int n, float[] values) {
        if (!hasValue) {
            throw new IllegalStateException(source + " carries no value output; export the policy with its critic"
                    + " (policies trained by this version's 'train' do)");
        }
        if (n < 1 || obs.length < n * obsDim || values.length < n) {
            throw new IllegalArgumentException("for n=" + n + " the value needs obs of length n·" + obsDim
                    + " and room for n values; got " + obs.length + " and " + values.length);
        }
        FloatBuffer input = FloatBuffer.wrap(obs, 0, n * obsDim);
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, new long[] {n, obsDim});
             OrtSession.Result result = session.run(Map.of("obs", tensor), java.util.Set.of("value"))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            out.get(values, 0, n);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (binding != null) {
            binding.close();
            binding = null;
        }
        Sessions.closeQuietly(session);
    }


    /** Direct buffers of one batch size and the tensors that use them (no copies). */
    private final class Binding implements AutoCloseable {
        final int rows;
        final FloatBuffer obs;
        final FloatBuffer action;
        final OnnxTensor input;
        final OnnxTensor output;
        final Map<String, OnnxTensor> inputs;
        final Map<String, OnnxTensor> outputs;

        Binding(int n) {
            rows = n;
            obs = ByteBuffer.allocateDirect(4 * n * obsDim).order(ByteOrder.nativeOrder()).asFloatBuffer();
            action = ByteBuffer.allocateDirect(4 * n * actionDim).order(ByteOrder.nativeOrder()).asFloatBuffer();
            try {
                input = OnnxTensor.createTensor(environment, obs, new long[] {n, obsDim});
                output = OnnxTensor.createTensor(environment, action, new long[] {n, actionDim});
                inputs = Map.of("obs", input);
                outputs = Map.of("action", output);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot allocate ONNX Runtime tensors for batch " + n + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            input.close();
            output.close();
        }
    }
}
