package dev.foresight.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.ModelKind;
import dev.foresight.model.Prediction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A dynamics ensemble exported by {@link OnnxExporter}, run in ONNX Runtime. Input and output
 * tensors live in direct buffers that are allocated once per batch size and reused, so repeated
 * predictions with the same {@code n} allocate nothing in Java.
 *
 * <p>Device: {@link Device#CPU}, or {@link Device#AUTO}, which asks for CUDA (available with the
 * {@code gpu} Maven profile's {@code onnxruntime_gpu}) and falls back to CPU with one logged line.
 *
 * <p>Threading: not thread-safe (the buffers are shared); use one instance per thread.
 */
public final class OnnxDynamicsModel implements DynamicsModel {
    /** Where inference runs. */
    public enum Device {
        /** CPU only. */
        CPU,
        /** CUDA device 0 if this ONNX Runtime build and machine have it, else CPU. */
        AUTO
    }

    private static final Logger logger = Logger.getLogger(OnnxDynamicsModel.class.getName());
    /** Batch sizes whose tensors stay bound at once. */
    private static final int MAX_BINDINGS = 4;

    private final String source;
    private final byte[] bytes;
    private final int intraOpThreads;
    private final Device device;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Map<String, String> metadata;
    private final String envName;
    private final int members;
    private final int obsDim;
    private final int actionDim;
    private final boolean predictsReward;
    private final boolean predictsStd;
    private final boolean usingCuda;

    /**
     * Input and output tensors bound to direct buffers, one set per batch size in use, the least
     * recently used dropped beyond {@link #MAX_BINDINGS}: a planner alternates between a few sizes
     * (its population's and 1 for the final mean), and rebinding for each call allocated eight
     * direct buffers and ten tensors twice per plan.
     */
    private final LinkedHashMap<Integer, Binding> bindings = new LinkedHashMap<>(8, 0.75f, true);
    private Binding lastBinding;

    /**
     * Loads a model for CPU inference with ONNX Runtime's default thread count.
     *
     * @param file an {@code .onnx} file written by {@link OnnxExporter}
     * @throws IOException if the file is missing, corrupt or not a Foresight dynamics model
     */
    public OnnxDynamicsModel(Path file) throws IOException {
        this(file, 0, Device.CPU);
    }

    /**
     * @param file an {@code .onnx} file written by {@link OnnxExporter}
     * @param intraOpThreads ONNX Runtime intra-op threads (0: its default, all cores)
     * @param device where to run
     * @throws IOException if the file is missing, corrupt or not a Foresight dynamics model
     */
    public OnnxDynamicsModel(Path file, int intraOpThreads, Device device) throws IOException {
        this(file.toString(), Files.readAllBytes(ModelFiles.requireFile(file)), intraOpThreads, device);
    }

    /**
     * Loads a model from memory, e.g. from a game's assets.
     *
     * @param model the bytes of an {@code .onnx} file written by {@link OnnxExporter} (unaffected)
     * @param source where the bytes came from, for messages (e.g. the asset name)
     * @param intraOpThreads ONNX Runtime intra-op threads (0: its default, all cores)
     * @param device where to run
     * @throws IOException if the bytes are not a loadable Foresight dynamics model
     */
    public OnnxDynamicsModel(byte[] model, String source, int intraOpThreads, Device device) throws IOException {
        this(source, model.clone(), intraOpThreads, device);
    }


    private OnnxDynamicsModel(String source, byte[] bytes, int intraOpThreads, Device device)
            throws IOException {
        this.source = source;
        this.bytes = bytes;
        this.intraOpThreads = intraOpThreads;
        this.device = device;
        environment = OrtEnvironments.get();
        OrtSession opened = null;
        try {
            Sessions.Opened session = Sessions.open(environment, bytes, intraOpThreads, device);
            opened = session.session();
            this.session = opened;
            this.usingCuda = session.usingCuda();
            this.metadata = opened.getMetadata().getCustomMetadata();
            ModelFiles.requireKind(source, metadata.get(ModelMetadata.FORMAT_KEY), ModelKind.GAUSSIAN_ENSEMBLE);
            Map<String, NodeInfo> in = opened.getInputInfo();
            Map<String, NodeInfo> out = opened.getOutputInfo();
            long[] obsShape = shape(in, "obs");
            long[] actionShape = shape(in, "action");
            shape(out, "next_obs_mean");
            shape(out, "next_obs_logvar");
            this.members = (int) obsShape[0];
            this.obsDim = (int) obsShape[2];
            this.actionDim = (int) actionShape[2];
            this.predictsReward = out.containsKey("reward_mean");
            this.predictsStd = out.containsKey("next_obs_std");
            if (obsShape[1] >= 0 || actionShape[1] >= 0) {
                throw new IOException(source + ": the batch dimension (the second) of obs and action must be dynamic;"
                        + " got obs " + Arrays.toString(obsShape) + ", action " + Arrays.toString(actionShape)
                        + " — re-export the model");
            }
            if (members < 1 || obsDim < 1 || actionDim < 1 || actionShape[0] != members) {
                throw new IOException(source + ": inputs must be obs [E, batch, obsDim] and action [E, batch, actionDim]"
                        + " with a fixed E; got obs " + Arrays.toString(obsShape) + ", action " + Arrays.toString(actionShape));
            }
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
        if (info == null || !(info.getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 3) {
            throw new IOException(source + ": expected a rank-3 float tensor named '" + name + "'; the model has "
                    + infos.keySet() + " — is it a Foresight dynamics model?");
        }
        return tensor.getShape();
    }

    /**
     * Checks that this model fits an environment.
     *
     * @param spec the environment's spec (not null)
     * @throws IllegalArgumentException naming the expected and actual values if the sizes or the
     *                                  environment name differ
     */
    public void requireCompatible(EnvSpec spec) {
        ModelFiles.requireCompatible(source, envName, obsDim, actionDim, spec);
    }

    @Override
    public int obsDim() {
        return obsDim;
    }

    @Override
    public int actionDim() {
        return actionDim;
    }

    @Override
    public int ensembleSize() {
        return members;
    }

    @Override
    public boolean predictsReward() {
        return predictsReward;
    }

    /** @return the environment name stored in the file ("" if none) */
    public String envName() {
        return envName;
    }

    /** @return whether the session runs on CUDA */
    public boolean usingCuda() {
        return usingCuda;
    }

    /** @return the metadata stored in the file (unmodifiable) */
    public Map<String, String> metadata() {
        return Map.copyOf(metadata);
    }

    @Override
    public void predict(float[] obs, float[] action, int n, Prediction out) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (obs.length < members * n * obsDim || action.length < members * n * actionDim) {
            throw new IllegalArgumentException("for n=" + n + " the model needs obs of length E·n·obsDim = " + members
                    + "·" + n + "·" + obsDim + " and action of length " + members + "·" + n + "·" + actionDim + "; got "
                    + obs.length + " and " + action.length);
        }
        if (out.members() != members || out.obsDim() != obsDim || out.capacity() < n) {
            throw new IllegalArgumentException("prediction storage is for E=" + out.members() + ", obsDim=" + out.obsDim()
                    + ", capacity " + out.capacity() + "; this model needs E=" + members + ", obsDim=" + obsDim
                    + ", capacity >= " + n);
        }
        Binding b = binding(n);
        b.obs.clear();
        b.obs.put(obs, 0, members * n * obsDim);
        b.action.clear();
        b.action.put(action, 0, members * n * actionDim);
        try {
            session.run(b.inputs, b.outputs).close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
        b.mean.clear();
        b.mean.get(out.nextObsMean(), 0, members * n * obsDim);
        b.logVar.clear();
        b.logVar.get(out.nextObsLogVar(), 0, members * n * obsDim);
        if (predictsStd) {
            b.std.clear();
            b.std.get(out.nextObsStd(), 0, members * n * obsDim);
        }
        out.setHasStd(predictsStd);
        if (predictsReward) {
            b.rewardMean.clear();
            b.rewardMean.get(out.rewardMean(), 0, members * n);
            b.rewardLogVar.clear();
            b.rewardLogVar.get(out.rewardLogVar(), 0, members * n);
        }
    }

    /** @return the tensors for batch size {@code n}, bound on first use */
    private Binding binding(int n) {
        if (lastBinding != null && lastBinding.rows == n) {
            return lastBinding; // the usual case, without boxing n for the map
        }
        Binding b = bindings.get(n);
        if (b == null) {
            b = new Binding(n);
            bindings.put(n, b);
            if (bindings.size() > MAX_BINDINGS) {
                var eldest = bindings.entrySet().iterator();
                eldest.next().getValue().close();
                eldest.remove();
            }
        }
        lastBinding = b;
        return b;
    }

    /** Direct buffers of one batch size and the ONNX Runtime tensors that use them (no copies). */

    private final class Binding implements AutoCloseable {
        final int rows;
        final FloatBuffer obs;
        final FloatBuffer action;
        final FloatBuffer mean;
        final FloatBuffer logVar;
        final FloatBuffer std;
        final FloatBuffer rewardMean;
        final FloatBuffer rewardLogVar;
        final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        final Map<String, OnnxTensor> outputs = new HashMap<>();

        Binding(int n) {
            rows = n;
            obs = direct(members * n * obsDim);
            action = direct(members * n * actionDim);
            mean = direct(members * n * obsDim);
            logVar = direct(members * n * obsDim);
            std = predictsStd ? direct(members * n * obsDim) : null;
            rewardMean = predictsReward ? direct(members * n) : null;
            rewardLogVar = predictsReward ? direct(members * n) : null;
            try {
                inputs.put("obs", OnnxTensor.createTensor(environment, obs, new long[] {members, n, obsDim}));
                inputs.put("action", OnnxTensor.createTensor(environment, action, new long[] {members, n, actionDim}));
                outputs.put("next_obs_mean", OnnxTensor.createTensor(environment, mean, new long[] {members, n, obsDim}));
                outputs.put("next_obs_logvar", OnnxTensor.createTensor(environment, logVar, new long[] {members, n, obsDim}));
                if (predictsStd) {
                    outputs.put("next_obs_std", OnnxTensor.createTensor(environment, std, new long[] {members, n, obsDim}));
                }
                if (predictsReward) {
                    outputs.put("reward_mean", OnnxTensor.createTensor(environment, rewardMean, new long[] {members, n, 1}));
                    outputs.put("reward_logvar", OnnxTensor.createTensor(environment, rewardLogVar, new long[] {members, n, 1}));
                }
            } catch (OrtException e) {
                close();
                throw new IllegalStateException("cannot allocate ONNX Runtime tensors for batch " + n + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            inputs.values().forEach(OnnxTensor::close);
            outputs.values().forEach(OnnxTensor::close);
        }
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private void closeTensors() {
        bindings.values().forEach(Binding::close);
        bindings.clear();
        lastBinding = null;
    }

    /** A new session of the same model (same bytes, threads and device), e.g. for another planning thread. */
    @Override
    public OnnxDynamicsModel duplicate() {
        try {
            return new OnnxDynamicsModel(source, bytes, intraOpThreads, device);
        } catch (IOException e) {
            throw new IllegalStateException("duplicating " + source + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeTensors();
        Sessions.closeQuietly(session);
    }
}
