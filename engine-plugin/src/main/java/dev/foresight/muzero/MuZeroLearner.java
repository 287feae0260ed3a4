package dev.foresight.muzero;

import dev.foresight.model.latent.MuZeroWeights;
import dev.foresight.model.latent.ValueTransform;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.CheckpointException;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.djl.DjlEngine;
import dev.foresight.djl.SavableAdam;
import dev.foresight.policy.PolicyNetworks;
import dev.foresight.util.RandomStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Trains MuZero's three networks with DJL's PyTorch engine (Schrittwieser et al. 2020, appendix G):
 * each update samples {@link MuZeroConfig#batchSize()} positions from a {@link GameReplay}, values
 * their n-step bootstraps with <b>target networks</b> (copies of h and f refreshed every
 * {@link MuZeroConfig#targetUpdateInterval()} updates — the choice of muzero-general and
 * EfficientZero, instead of the stale root values stored while acting), and unrolls the model K
 * steps from {@code h(o_t)} along the actions taken:
 * <pre>
 *   loss = Σ_k w_k [ −π_k · log softmax(p_k) + λ_v (v_k − h(z_k))² + (r_k − h(u_k))² ]
 * </pre>
 * with w_0 = 1 and w_k = 1/K after (the paper's scaling of each unrolled step), no reward term at
 * k = 0, the targets' masks from {@link UnrollBatch}, and the gradient into the dynamics halved at
 * every step ({@code s ← ½s + ½ stop_gradient(s)}). Adam, Xavier-uniform weights, zero biases.
 * Latents are min-max normalised to [0, 1] after h and after g, inside the graph.
 *
 * <p>Threading: every DJL call runs on the shared DJL thread; the public methods may be called
 * from any thread, one at a time, and block until done.
 */
public final class MuZeroLearner implements AutoCloseable, Checkpointable {
    private static final int H = 0;
    private static final int G = 1;
    private static final int F = 2;
    private static final String[] NAMES = {"h", "g", "f"};

    /**
     * What the last call to {@link #train} did (means over its updates).
     *
     * @param loss the total loss
     * @param valueLoss the value term (unweighted, transformed space)
     * @param rewardLoss the reward term
     * @param policyLoss the policy cross-entropy
     * @param updates gradient updates so far
     */
    public record Losses(double loss, double valueLoss, double rewardLoss, double policyLoss, long updates) {
        /** Before any update. */
        public static final Losses NONE = new Losses(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    private final MuZeroConfig config;
    private final int obsDim;
    private final int latentDim;
    private final int actions;
    private final int[][] sizes;

    // Confined to the DJL thread.
    private Engine engine;
    private NDManager manager;
    private final NDArray[][] weights = new NDArray[3][];
    private final NDArray[][] biases = new NDArray[3][];
    private final NDArray[][] targetWeights = new NDArray[3][];
    private final NDArray[][] targetBiases = new NDArray[3][];
    private SavableAdam adam;
    private RandomStream random;
    private UnrollBatch batch;
    private long updates;
    private boolean closed;

    /**
     * Creates the networks with fresh weights from {@code config.seed()}.
     *
     * @param config the settings (not null)
     * @param obsDim floats per encoded observation (&ge;1)
     * @param actions number of actions (&ge;2)
     */
    public MuZeroLearner(MuZeroConfig config, int obsDim, int actions) {
        this.config = Objects.requireNonNull(config, "config");
        if (obsDim < 1 || actions < 2) {
            throw new IllegalArgumentException("MuZero needs obsDim >= 1 and >= 2 actions, got " + obsDim + ", " + actions);
        }
        this.obsDim = obsDim;
        this.latentDim = config.latentDim();
        this.actions = actions;
        this.sizes = new int[][] {
            PolicyNetworks.layerSizes(obsDim, config.hidden(), latentDim),
            PolicyNetworks.layerSizes(latentDim + actions, config.hidden(), latentDim + 1),
            PolicyNetworks.layerSizes(latentDim, config.hidden(), actions + 1)};
        call(this::initialise);
    }

    /** @return the settings */
    public MuZeroConfig config() {
        return config;
    }

    /** @return gradient updates done */
    public synchronized long updates() {
        return updates;
    }

    /**
     * Runs {@code count} gradient updates, each on a fresh minibatch from {@code replay}.
     *
     * @param count updates (&ge;0)
     * @param replay the games to learn from (not empty when count &gt; 0; read on the DJL thread)
     * @return means over these updates
     */
    public Losses train(int count, GameReplay replay) {
        Objects.requireNonNull(replay, "replay");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        return call(() -> {
            double[] sum = new double[4];
            for (int i = 0; i < count; i++) {
                replay.sample(batch, random);
                batch.computeTargets(bootstrapValues());
                double[] losses = step();
                for (int j = 0; j < 4; j++) {
                    sum[j] += losses[j];
                }
            }
            if (count == 0) {
                return new Losses(Double.NaN, Double.NaN, Double.NaN, Double.NaN, updates);
            }
            return new Losses(sum[0] / count, sum[1] / count, sum[2] / count, sum[3] / count, updates);
        });
    }

    /** @return the current networks as plain weights (for acting and export) */
    public MuZeroWeights weights() {
        return call(() -> {
            MuZeroWeights.Dense[] nets = new MuZeroWeights.Dense[3];
            for (int net = 0; net < 3; net++) {
                float[][] w = new float[weights[net].length][];
                float[][] b = new float[weights[net].length][];
                for (int l = 0; l < w.length; l++) {
                    w[l] = weights[net][l].toFloatArray();
                    b[l] = biases[net][l].toFloatArray();
                }
                nets[net] = new MuZeroWeights.Dense(sizes[net].clone(), w, b);
            }
            return new MuZeroWeights(obsDim, latentDim, actions, nets[H], nets[G], nets[F]);
        });
    }

    /**
     * h computed by DJL (what the plain-Java and ONNX copies must equal).
     *
     * @param obs {@code [n × obsDim]}
     * @param n rows
     * @return latents {@code [n × latentDim]}
     */
    public float[] represent(float[] obs, int n) {
        return call(() -> {
            try (NDManager scope = manager.newSubManager()) {
                return normalise(mlp(DjlEngine.owned(scope, obs, new Shape(n, obsDim)), weights[H], biases[H]))
                        .toFloatArray();
            }
        });
    }

    /**
     * g computed by DJL.
     *
     * @param latent {@code [n × latentDim]}
     * @param actionIndices {@code [n]}
     * @param n rows
     * @return {next latents {@code [n × latentDim]}, rewards {@code [n]} (returns)}
     */
    public float[][] dynamics(float[] latent, int[] actionIndices, int n) {
        return call(() -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray in = NDArrays.concat(new NDList(DjlEngine.owned(scope, latent, new Shape(n, latentDim)),
                        DjlEngine.owned(scope, oneHot(actionIndices, 0, n), new Shape(n, actions))), 1);
                NDArray out = mlp(in, weights[G], biases[G]);
                float[] next = normalise(out.get(":, 0:" + latentDim)).toFloatArray();
                float[] rewards = inverse(out.get(":, " + latentDim).toFloatArray());
                return new float[][] {next, rewards};
            }
        });
    }

    /**
     * f computed by DJL.
     *
     * @param latent {@code [n × latentDim]}
     * @param n rows
     * @return {logits {@code [n × actions]}, values {@code [n]} (returns)}
     */
    public float[][] predict(float[] latent, int n) {
        return call(() -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray out = mlp(DjlEngine.owned(scope, latent, new Shape(n, latentDim)), weights[F], biases[F]);
                return new float[][] {out.get(":, 0:" + actions).toFloatArray(),
                    inverse(out.get(":, " + actions).toFloatArray())};
            }
        });
    }

    /** Saves the networks, the target networks, Adam's moments, the update count and the sampling stream. */
    @Override
    public void saveState(Checkpoint out) {
        call(() -> {
            for (int net = 0; net < 3; net++) {
                for (int l = 0; l < weights[net].length; l++) {
                    out.putFloats(NAMES[net] + ".w" + l, weights[net][l].toFloatArray());
                    out.putFloats(NAMES[net] + ".b" + l, biases[net][l].toFloatArray());
                    out.putFloats("target." + NAMES[net] + ".w" + l, targetWeights[net][l].toFloatArray());
                    out.putFloats("target." + NAMES[net] + ".b" + l, targetBiases[net][l].toFloatArray());
                }
            }
            adam.saveState(out.scope("adam"));
            synchronized (this) {
                out.putLong("updates", updates);
            }
            out.putStream("random", random);
            return null;
        });
    }

    @Override
    public void restoreState(Checkpoint in) {
        call(() -> {
            float[][][][] read = new float[3][4][][];
            java.util.Map<String, Shape> parameters = new java.util.HashMap<>();
            for (int net = 0; net < 3; net++) {
                int layers = weights[net].length;
                for (int part = 0; part < 4; part++) {
                    read[net][part] = new float[layers][];
                }
                for (int l = 0; l < layers; l++) {
                    String w = NAMES[net] + ".w" + l;
                    String b = NAMES[net] + ".b" + l;
                    read[net][0][l] = in.getFloats(w, weights[net][l].getShape().size());
                    read[net][1][l] = in.getFloats(b, biases[net][l].getShape().size());
                    read[net][2][l] = in.getFloats("target." + w, weights[net][l].getShape().size());
                    read[net][3][l] = in.getFloats("target." + b, biases[net][l].getShape().size());
                    parameters.put(w, weights[net][l].getShape());
                    parameters.put(b, biases[net][l].getShape());
                }
            }
            long savedUpdates = in.getLong("updates");
            if (savedUpdates < 0) {
                throw new CheckpointException("the MuZero learner's update count " + savedUpdates + " is impossible: the"
                        + " checkpoint is damaged");
            }
            in.restoreStream("random", random);
            adam.restoreState(in.scope("adam"), manager, parameters);
            for (int net = 0; net < 3; net++) {
                for (int l = 0; l < weights[net].length; l++) {
                    weights[net][l] = replace(weights[net][l], read[net][0][l], true);
                    biases[net][l] = replace(biases[net][l], read[net][1][l], true);
                    targetWeights[net][l] = replace(targetWeights[net][l], read[net][2][l], false);
                    targetBiases[net][l] = replace(targetBiases[net][l], read[net][3][l], false);
                }
            }
            synchronized (this) {
                updates = savedUpdates;
            }
            return null;
        });
    }

    private NDArray replace(NDArray old, float[] values, boolean trainable) {
        Shape shape = old.getShape();
        old.close();
        return trainable ? parameter(values, shape) : DjlEngine.owned(manager, values, shape);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        DjlEngine.closeOnThread(manager);
        closed = true;
    }

    // ---------------------------------------------------------------- DJL thread

    private Void initialise() {
        engine = DjlEngine.pytorch();
        manager = engine.newBaseManager();
        random = new RandomStream(config.seed());
        for (int net = 0; net < 3; net++) {
            int layers = sizes[net].length - 1;
            weights[net] = new NDArray[layers];
            biases[net] = new NDArray[layers];
            targetWeights[net] = new NDArray[layers];
            targetBiases[net] = new NDArray[layers];
            for (int l = 0; l < layers; l++) {
                int in = sizes[net][l];
                int out = sizes[net][l + 1];
                float[] w = xavier(in, out);
                weights[net][l] = parameter(w, new Shape(in, out));
                biases[net][l] = parameter(new float[out], new Shape(1, out));
                targetWeights[net][l] = DjlEngine.owned(manager, w, new Shape(in, out));
                targetBiases[net][l] = DjlEngine.owned(manager, new float[out], new Shape(1, out));
            }
        }
        adam = new SavableAdam(config.learningRate());
        batch = new UnrollBatch(config.batchSize(), config.unrollSteps(), config.tdSteps(), config.discount(), obsDim,
                actions);
        return null;
    }

    /** The target networks' value of every bootstrap observation (returns). */
    private float[] bootstrapValues() {
        int rows = (config.unrollSteps() + 1) * batch.size();
        try (NDManager scope = manager.newSubManager()) {
            NDArray obs = DjlEngine.owned(scope, batch.bootstrapObs, new Shape(rows, obsDim));
            NDArray latent = normalise(mlp(obs, targetWeights[H], targetBiases[H]));
            NDArray out = mlp(latent, targetWeights[F], targetBiases[F]);
            return inverse(out.get(":, " + actions).toFloatArray());
        }
    }

    /** One update on {@link #batch}; returns {loss, value, reward, policy}. */
    private double[] step() {
        int n = batch.size();
        int k = config.unrollSteps();
        double[] result = new double[4];
        try (NDManager scope = manager.newSubManager()) {
            attach(scope);
            NDArray obs = DjlEngine.owned(scope, batch.obs, new Shape(n, obsDim));
            NDArray oneHot = DjlEngine.owned(scope, oneHot(batch.actionIndices, 0, k * n), new Shape(k, n, actions));
            NDArray value = DjlEngine.owned(scope, batch.value, new Shape(k + 1, n));
            NDArray reward = DjlEngine.owned(scope, batch.reward, new Shape(k + 1, n));
            NDArray policy = DjlEngine.owned(scope, batch.policy, new Shape(k + 1, n, actions));
            NDArray valueMask = DjlEngine.owned(scope, batch.valueMask, new Shape(k + 1, n));
            NDArray rewardMask = DjlEngine.owned(scope, batch.rewardMask, new Shape(k + 1, n));
            NDArray policyMask = DjlEngine.owned(scope, batch.policyMask, new Shape(k + 1, n));
            NDArray half = DjlEngine.constant(scope, 0.5f);
            NDArray stepWeight = DjlEngine.constant(scope, 1f / k);
            NDArray valueWeight = DjlEngine.constant(scope, config.valueLossWeight());
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray state = normalise(mlp(obs, weights[H], biases[H]));
                NDArray[] terms = heads(state, 0, value, policy, valueMask, policyMask);
                NDArray valueLoss = terms[0];
                NDArray policyLoss = terms[1];
                NDArray rewardLoss = null;
                for (int step = 1; step <= k; step++) {
                    NDArray out = mlp(NDArrays.concat(new NDList(state, oneHot.get(step - 1)), 1), weights[G], biases[G]);
                    state = normalise(out.get(":, 0:" + latentDim));
                    NDArray r = out.get(":, " + latentDim);
                    NDArray rl = r.sub(reward.get(step)).square().mul(rewardMask.get(step)).mul(stepWeight);
                    rewardLoss = rewardLoss == null ? rl : rewardLoss.add(rl);
                    state = state.mul(half).add(state.stopGradient().mul(half));
                    terms = heads(state, step, value, policy, valueMask, policyMask);
                    valueLoss = valueLoss.add(terms[0].mul(stepWeight));
                    policyLoss = policyLoss.add(terms[1].mul(stepWeight));
                }
                NDArray loss = valueLoss.mul(valueWeight).add(rewardLoss).add(policyLoss).mean();
                collector.backward(loss);
                result[0] = loss.getFloat();
                result[1] = valueLoss.mean().getFloat();
                result[2] = rewardLoss.mean().getFloat();
                result[3] = policyLoss.mean().getFloat();
            }
        }
        for (int net = 0; net < 3; net++) {
            for (int l = 0; l < weights[net].length; l++) {
                update(NAMES[net] + ".w" + l, weights[net][l]);
                update(NAMES[net] + ".b" + l, biases[net][l]);
            }
        }
        synchronized (this) {
            updates++;
        }
        if (updates % config.targetUpdateInterval() == 0) {
            copyTargets();
        }
        return result;
    }

    /** @return {value loss [n], policy loss [n]} of unroll step {@code step}, masked */
    private NDArray[] heads(NDArray state, int step, NDArray value, NDArray policy, NDArray valueMask,
                            NDArray policyMask) {
        NDArray out = mlp(state, weights[F], biases[F]);
        NDArray logits = out.get(":, 0:" + actions);
        NDArray v = out.get(":, " + actions);
        NDArray valueLoss = v.sub(value.get(step)).square().mul(valueMask.get(step));
        NDArray policyLoss = policy.get(step).mul(logits.logSoftmax(1)).sum(new int[] {1}).neg()
                .mul(policyMask.get(step));
        return new NDArray[] {valueLoss, policyLoss};
    }

    private static NDArray mlp(NDArray x, NDArray[] w, NDArray[] b) {
        NDArray h = x;
        for (int l = 0; l < w.length; l++) {
            h = h.matMul(w[l]).add(b[l]);
            if (l < w.length - 1) {
                h = Activation.relu(h);
            }
        }
        return h;
    }

    /** {@code (x − min) / (max − min + ε)} per row, as {@link MuZeroWeights#normalise}. */
    private static NDArray normalise(NDArray x) {
        NDArray min = x.min(new int[] {1}, true);
        NDArray max = x.max(new int[] {1}, true);
        NDArray range = max.sub(min).add(DjlEngine.constant(x.getManager(), MuZeroWeights.RANGE_EPSILON));
        return x.sub(min).div(range);
    }

    private void copyTargets() {
        for (int net : new int[] {H, F}) {
            for (int l = 0; l < weights[net].length; l++) {
                targetWeights[net][l].close();
                targetBiases[net][l].close();
                targetWeights[net][l] = weights[net][l].stopGradient().duplicate();
                targetBiases[net][l] = biases[net][l].stopGradient().duplicate();
                targetWeights[net][l].attach(manager);
                targetBiases[net][l].attach(manager);
            }
        }
    }

    private void update(String id, NDArray parameter) {
        try (NDArray gradient = parameter.getGradient()) {
            adam.update(id, parameter, gradient);
            gradient.muli(0);
        }
    }

    private void attach(NDManager scope) {
        for (NDArray[][] group : new NDArray[][][] {weights, biases, targetWeights, targetBiases}) {
            for (NDArray[] net : group) {
                for (NDArray array : net) {
                    array.tempAttach(scope);
                }
            }
        }
    }

    private float[] oneHot(int[] indices, int from, int count) {
        float[] out = new float[count * actions];
        for (int i = 0; i < count; i++) {
            out[i * actions + indices[from + i]] = 1f;
        }
        return out;
    }

    private static float[] inverse(float[] transformed) {
        float[] out = new float[transformed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ValueTransform.inverse(transformed[i]);
        }
        return out;
    }

    private NDArray parameter(float[] values, Shape shape) {
        return DjlEngine.parameter(manager, values, shape);
    }

    /** Xavier-uniform weights {@code [in × out]}. */
    private float[] xavier(int in, int out) {
        return DjlEngine.xavierUniform(random, 1, in, out);
    }

    private <T> T call(Callable<T> task) {
        if (closed) {
            throw new IllegalStateException("the MuZero learner is closed");
        }
        return DjlEngine.call(task);
    }

    @Override
    public String toString() {
        return "MuZeroLearner" + Arrays.deepToString(sizes);
    }
}
