package dev.foresight.policy.sac;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.data.TransitionBatch;
import dev.foresight.djl.DjlEngine;
import dev.foresight.djl.SavableAdam;
import dev.foresight.policy.ActorWeights;
import dev.foresight.policy.CriticWeights;
import dev.foresight.policy.PolicyNetworks;
import dev.foresight.util.RandomStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Soft Actor-Critic with automatic temperature (Haarnoja et al. 2018, "Soft Actor-Critic
 * Algorithms and Applications", Algorithm 1), trained with DJL's PyTorch engine:
 * <ul>
 *   <li>actor: ReLU MLP {@code obs → (μ, log σ)}, log σ squashed smoothly into [−5, 2]; the action
 *       is {@code offset + scale·tanh(μ + σ·ε)} with the tanh change of variables in log π
 *       (the paper's appendix C);</li>
 *   <li>twin critics {@code Q1, Q2(obs, action)} computed as one batched network (weights
 *       {@code [2 × in × out]}), Polyak-averaged target critics, the clipped double-Q target
 *       {@code r + γ(1 − terminated)(min Q′(s′, a′) − α log π(a′|s′))};</li>
 *   <li>actor loss {@code E[α log π(a|s) − min Q(s, a)]} through detached critics; temperature
 *       loss {@code −log α · E[log π + H̄]} (H̄ = target entropy);</li>
 *   <li>Adam on everything, Xavier-uniform weights and zero biases (as mbrl-lib's SAC).</li>
 * </ul>
 * Observations go in unnormalised; actions are the environment's (within its bounds).
 *
 * <p>Threading: every DJL call runs on the shared {@code foresight-djl} thread
 * ({@link DjlEngine#thread()}); the public methods may be called from any thread, one at a time,
 * and block until done. A {@link BatchSource} is called on that thread.
 */
public final class SacLearner implements AutoCloseable, Checkpointable {
    private static final float LOG_STD_MIN = -5f;
    private static final float LOG_STD_MAX = 2f;
    private static final float HALF_LOG_2PI = (float) (0.5 * Math.log(2 * Math.PI));
    private static final float LOG_2 = (float) Math.log(2);

    /** Fills a minibatch for one gradient update (on the learner's thread). */
    @FunctionalInterface
    public interface BatchSource {
        /**
         * @param batch the batch to fill, all {@code batch.size} rows (modified)
         * @param random the learner's sampling stream (not null)
         */
        void fill(TransitionBatch batch, RandomStream random);
    }

    /**
     * What the last call to {@link #update} did.
     *
     * @param criticLoss mean over its updates of MSE(Q1) + MSE(Q2)
     * @param actorLoss mean over its updates of E[α log π − min Q]
     * @param temperature α after the last update
     * @param entropy mean over its updates of −E[log π] (nats)
     * @param updates the learner's gradient updates so far
     */
    public record UpdateStats(double criticLoss, double actorLoss, double temperature, double entropy, long updates) {
        /** Before any update. */
        public static final UpdateStats NONE = new UpdateStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    private final SacConfig config;
    private final int obsDim;
    private final int actionDim;
    private final float[] low;
    private final float[] high;
    private final float targetEntropy;
    private final int[] actorSizes;
    private final int[] criticSizes;

    // Confined to the learner thread.
    private Engine engine;
    private NDManager manager;
    private NDArray[] actorW;
    private NDArray[] actorB;
    private NDArray[] criticW;
    private NDArray[] criticB;
    private NDArray[] targetW;
    private NDArray[] targetB;
    private NDArray actionScale;
    private NDArray actionOffset;
    private SavableAdam adam;
    private RandomStream random;
    private TransitionBatch batch;
    private float[] noise;
    private float logAlpha;
    private final ScalarAdam alphaAdam;
    private long updates;
    private boolean closed;

    /**
     * Creates the networks with fresh weights from {@code config.seed()}. The first DJL trainer in a
     * JVM starts the PyTorch engine (a few seconds).
     *
     * @param config the settings (not null)
     * @param obsDim observation size (&ge;1)
     * @param low lower action bounds, finite, {@code [actionDim]} (unaffected)
     * @param high upper action bounds, finite, {@code [actionDim]} (unaffected)
     */
    public SacLearner(SacConfig config, int obsDim, float[] low, float[] high) {
        this.config = Objects.requireNonNull(config, "config");
        PolicyNetworks.checkBounds("SAC", obsDim, low, high);
        this.obsDim = obsDim;
        this.actionDim = low.length;
        this.low = low.clone();
        this.high = high.clone();
        this.targetEntropy = config.targetEntropy(actionDim);
        this.actorSizes = PolicyNetworks.layerSizes(obsDim, config.hidden(), 2 * actionDim);
        this.criticSizes = PolicyNetworks.layerSizes(obsDim + actionDim, config.hidden(), 1);
        this.logAlpha = (float) Math.log(config.initialTemperature());
        this.alphaAdam = new ScalarAdam(config.learningRate());
        call(this::initialise);
    }

    /** @return the settings */
    public SacConfig config() {
        return config;
    }

    /** @return the temperature α */
    public synchronized double temperature() {
        return Math.exp(logAlpha);
    }

    /** @return gradient updates done */
    public synchronized long updates() {
        return updates;
    }

    /**
     * Runs {@code count} gradient updates, each on a fresh minibatch of {@link SacConfig#batchSize()}
     * rows from {@code source}.
     *
     * @param count updates (&ge;0)
     * @param source fills each minibatch (not null)
     * @return averages over these updates
     */
    public UpdateStats update(int count, BatchSource source) {
        Objects.requireNonNull(source, "source");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        return call(() -> {
            double critic = 0;
            double actor = 0;
            double entropy = 0;
            for (int i = 0; i < count; i++) {
                source.fill(batch, random);
                double[] losses = step();
                critic += losses[0];
                actor += losses[1];
                entropy += losses[2];
            }
            int n = Math.max(1, count);
            return new UpdateStats(count == 0 ? Double.NaN : critic / n, count == 0 ? Double.NaN : actor / n,
                    Math.exp(logAlpha), count == 0 ? Double.NaN : entropy / n, updates);
        });
    }

    /**
     * Acts for a batch of observations.
     *
     * @param obs {@code [n × obsDim]} (unaffected)
     * @param n rows (&ge;1)
     * @param deterministic the mean action {@code offset + scale·tanh(μ)} if true, else a sample
     * @param sampling the stream for the sample's noise (not null; unused if deterministic)
     * @param out storage for {@code [n × actionDim]} actions within the bounds (modified)
     */
    public void act(float[] obs, int n, boolean deterministic, RandomStream sampling, float[] out) {
        if (n < 1 || obs.length < n * obsDim || out.length < n * actionDim) {
            throw new IllegalArgumentException("act needs n >= 1, obs [n × " + obsDim + "] and out [n × " + actionDim
                    + "], got n=" + n + ", " + obs.length + ", " + out.length);
        }
        float[] eps = deterministic ? null : gaussians(sampling, n * actionDim);
        call(() -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = DjlEngine.owned(scope, n * obsDim == obs.length ? obs : Arrays.copyOf(obs, n * obsDim),
                        new Shape(n, obsDim));
                NDArray[] head = actorHead(x, actorW, actorB);
                NDArray u = deterministic ? head[0]
                        : head[0].add(head[1].exp().mul(DjlEngine.owned(scope, eps, new Shape(n, actionDim))));
                float[] actions = u.tanh().mul(actionScale).add(actionOffset).toFloatArray();
                System.arraycopy(actions, 0, out, 0, n * actionDim);
            }
            return null;
        });
    }

    /**
     * The deterministic actor ({@code offset + scale·tanh(μ)}) as plain weights for ONNX export.
     *
     * @return the weights: the mean head of the last layer, identity normalisation, TANH squash
     */
    public ActorWeights actorWeights() {
        return call(() -> {
            int layers = actorW.length;
            float[][] w = new float[layers][];
            float[][] b = new float[layers][];
            int[] sizes = actorSizes.clone();
            sizes[layers] = actionDim;
            for (int l = 0; l < layers; l++) {
                w[l] = actorW[l].toFloatArray();
                b[l] = actorB[l].toFloatArray();
            }
            int in = actorSizes[layers - 1];
            int full = actorSizes[layers];
            float[] meanW = new float[in * actionDim];
            for (int i = 0; i < in; i++) {
                System.arraycopy(w[layers - 1], i * full, meanW, i * actionDim, actionDim);
            }
            w[layers - 1] = meanW;
            b[layers - 1] = Arrays.copyOf(b[layers - 1], actionDim);
            float[] ones = new float[obsDim];
            Arrays.fill(ones, 1f);
            return new ActorWeights(obsDim, actionDim, sizes, w, b, ActorWeights.Activation.RELU,
                    ActorWeights.Squash.TANH, low.clone(), high.clone(), new float[obsDim], ones);
        });
    }

    /**
     * The critics' value of each observation at the actor's deterministic action,
     * {@code min(Q1, Q2)(s, π(s))}, computed by DJL (what {@link #criticWeights()} exports).
     *
     * @param obs {@code [n × obsDim]} (unaffected)
     * @param n rows (&ge;1)
     * @param out storage for {@code [n]} (modified)
     */
    public void values(float[] obs, int n, float[] out) {
        call(() -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = DjlEngine.owned(scope, Arrays.copyOf(obs, n * obsDim), new Shape(n, obsDim));
                NDArray action = actorHead(x, actorW, actorB)[0].tanh().mul(actionScale).add(actionOffset);
                System.arraycopy(minQ(q(x, action, criticW, criticB)).toFloatArray(), 0, out, 0, n);
            }
            return null;
        });
    }

    /**
     * The twin critics as plain weights for export: {@code V(s) ≈ min(Q1, Q2)(s, π(s))} at the
     * actor's deterministic action.
     *
     * @return the weights: two members, ReLU, identity normalisation
     */
    public CriticWeights criticWeights() {
        return call(() -> {
            int layers = criticW.length;
            float[][][] w = new float[2][layers][];
            float[][][] b = new float[2][layers][];
            for (int l = 0; l < layers; l++) {
                float[] weights = criticW[l].toFloatArray();
                float[] biases = criticB[l].toFloatArray();
                int size = criticSizes[l] * criticSizes[l + 1];
                for (int m = 0; m < 2; m++) {
                    w[m][l] = Arrays.copyOfRange(weights, m * size, (m + 1) * size);
                    b[m][l] = Arrays.copyOfRange(biases, m * criticSizes[l + 1], (m + 1) * criticSizes[l + 1]);
                }
            }
            float[] ones = new float[obsDim];
            Arrays.fill(ones, 1f);
            return new CriticWeights(obsDim, actionDim, criticSizes.clone(), w, b, ActorWeights.Activation.RELU,
                    new float[obsDim], ones, 1f);
        });
    }

    /**
     * Saves the networks, target critics, Adam's moments, the temperature and its optimiser, the
     * update count and the sampling stream.
     */
    @Override
    public void saveState(Checkpoint out) {
        call(() -> {
            saveArrays(out, "actor.w", actorW);
            saveArrays(out, "actor.b", actorB);
            saveArrays(out, "critic.w", criticW);
            saveArrays(out, "critic.b", criticB);
            saveArrays(out, "target.w", targetW);
            saveArrays(out, "target.b", targetB);
            adam.saveState(out.scope("adam"));
            synchronized (this) {
                out.putDouble("log_alpha", logAlpha);
                out.putLong("updates", updates);
            }
            alphaAdam.saveState(out.scope("alpha_adam"));
            out.putStream("random", random);
            return null;
        });
    }

    @Override
    public void restoreState(Checkpoint in) {
        call(() -> {
            float[][][] read = {readArrays(in, "actor.w", actorW), readArrays(in, "actor.b", actorB),
                readArrays(in, "critic.w", criticW), readArrays(in, "critic.b", criticB),
                readArrays(in, "target.w", targetW), readArrays(in, "target.b", targetB)};
            double savedLogAlpha = in.getDouble("log_alpha");
            long savedUpdates = in.getLong("updates");
            if (!Double.isFinite(savedLogAlpha) || savedUpdates < 0) {
                throw new dev.foresight.checkpoint.CheckpointException("the SAC learner's temperature (log "
                        + savedLogAlpha + ") or update count (" + savedUpdates + ") is impossible: the checkpoint is"
                        + " damaged");
            }
            in.restoreStream("random", random);
            alphaAdam.restoreState(in.scope("alpha_adam"));
            Map<String, Shape> parameters = new java.util.HashMap<>();
            for (int l = 0; l < actorW.length; l++) {
                parameters.put("q.w" + l, criticW[l].getShape());
                parameters.put("q.b" + l, criticB[l].getShape());
                parameters.put("pi.w" + l, actorW[l].getShape());
                parameters.put("pi.b" + l, actorB[l].getShape());
            }
            adam.restoreState(in.scope("adam"), manager, parameters);
            replace(actorW, read[0], true);
            replace(actorB, read[1], true);
            replace(criticW, read[2], true);
            replace(criticB, read[3], true);
            replace(targetW, read[4], false);
            replace(targetB, read[5], false);
            synchronized (this) {
                logAlpha = (float) savedLogAlpha;
                updates = savedUpdates;
            }
            return null;
        });
    }

    private static void saveArrays(Checkpoint out, String name, NDArray[] arrays) {
        for (int l = 0; l < arrays.length; l++) {
            out.putFloats(name + l, arrays[l].toFloatArray());
        }
    }

    private static float[][] readArrays(Checkpoint in, String name, NDArray[] like) {
        float[][] out = new float[like.length][];
        for (int l = 0; l < like.length; l++) {
            out[l] = in.getFloats(name + l, like[l].getShape().size());
        }
        return out;
    }

    private void replace(NDArray[] arrays, float[][] values, boolean trainable) {
        for (int l = 0; l < arrays.length; l++) {
            Shape shape = arrays[l].getShape();
            arrays[l].close();
            arrays[l] = trainable ? parameter(values[l], shape) : DjlEngine.owned(manager, values[l], shape);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        DjlEngine.closeOnThread(manager);
        closed = true;
    }

    // ---------------------------------------------------------------- learner thread

    private Void initialise() {
        engine = DjlEngine.pytorch();
        manager = engine.newBaseManager();
        random = new RandomStream(config.seed());
        int layers = actorSizes.length - 1;
        actorW = new NDArray[layers];
        actorB = new NDArray[layers];
        criticW = new NDArray[layers];
        criticB = new NDArray[layers];
        targetW = new NDArray[layers];
        targetB = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            actorW[l] = parameter(xavier(1, actorSizes[l], actorSizes[l + 1]), new Shape(actorSizes[l], actorSizes[l + 1]));
            actorB[l] = parameter(new float[actorSizes[l + 1]], new Shape(1, actorSizes[l + 1]));
            float[] w = xavier(2, criticSizes[l], criticSizes[l + 1]);
            Shape shape = new Shape(2, criticSizes[l], criticSizes[l + 1]);
            criticW[l] = parameter(w, shape);
            criticB[l] = parameter(new float[2 * criticSizes[l + 1]], new Shape(2, 1, criticSizes[l + 1]));
            targetW[l] = DjlEngine.owned(manager, w, shape);
            targetB[l] = DjlEngine.owned(manager, new float[2 * criticSizes[l + 1]], new Shape(2, 1, criticSizes[l + 1]));
        }
        float[] scale = new float[actionDim];
        float[] offset = new float[actionDim];
        for (int i = 0; i < actionDim; i++) {
            scale[i] = 0.5f * (high[i] - low[i]);
            offset[i] = 0.5f * (high[i] + low[i]);
        }
        actionScale = DjlEngine.owned(manager, scale, new Shape(1, actionDim));
        actionOffset = DjlEngine.owned(manager, offset, new Shape(1, actionDim));
        adam = new SavableAdam(config.learningRate());
        batch = new TransitionBatch(config.batchSize(), obsDim, actionDim);
        noise = new float[config.batchSize() * actionDim];
        return null;
    }

    /** One SAC update on {@link #batch}; returns {critic loss, actor loss, entropy}. */
    private double[] step() {
        int n = batch.size;
        float alpha = (float) Math.exp(logAlpha);
        double criticLoss;
        double actorLoss;
        double logProbMean;
        // Critic: the target is computed without a graph (no collector open: grad mode is off).
        try (NDManager scope = manager.newSubManager()) {
            attach(scope);
            NDArray obs = DjlEngine.owned(scope, batch.obs, new Shape(n, obsDim));
            NDArray action = DjlEngine.owned(scope, batch.action, new Shape(n, actionDim));
            NDArray next = DjlEngine.owned(scope, batch.nextObs, new Shape(n, obsDim));
            NDArray reward = DjlEngine.owned(scope, batch.reward, new Shape(n, 1));
            NDArray live = DjlEngine.owned(scope, oneMinus(batch.terminated), new Shape(n, 1));
            fillNoise();
            NDArray[] nextPolicy = sample(next, DjlEngine.owned(scope, noise, new Shape(n, actionDim)), actorW, actorB);
            NDArray nextQ = minQ(q(next, nextPolicy[0], targetW, targetB));
            NDArray y = reward.add(live.mul(config.gamma()).mul(nextQ.sub(nextPolicy[1].mul(alpha))));
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray diff = q(obs, action, criticW, criticB).sub(y.expandDims(0));
                NDArray loss = diff.square().mean().mul(DjlEngine.constant(scope, 2f));
                collector.backward(loss);
                criticLoss = loss.getFloat();
            }
        }
        applyAdam("q", criticW, criticB);

        // Actor, through critics detached from the graph.
        try (NDManager scope = manager.newSubManager()) {
            attach(scope);
            NDArray obs = DjlEngine.owned(scope, batch.obs, new Shape(n, obsDim));
            NDArray[] fixedW = new NDArray[criticW.length];
            NDArray[] fixedB = new NDArray[criticB.length];
            for (int l = 0; l < criticW.length; l++) {
                fixedW[l] = criticW[l].stopGradient();
                fixedB[l] = criticB[l].stopGradient();
            }
            fillNoise();
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray[] policy = sample(obs, DjlEngine.owned(scope, noise, new Shape(n, actionDim)), actorW, actorB);
                NDArray qValue = minQ(q(obs, policy[0], fixedW, fixedB));
                NDArray loss = policy[1].mul(DjlEngine.constant(scope, alpha)).sub(qValue).mean();
                collector.backward(loss);
                actorLoss = loss.getFloat();
                logProbMean = policy[1].mean().getFloat();
            }
        }
        applyAdam("pi", actorW, actorB);

        if (config.autoTemperature()) {
            // d/d(log α) of −log α · (E[log π] + H̄)
            float gradient = (float) -(logProbMean + targetEntropy);
            synchronized (this) {
                logAlpha = alphaAdam.step(logAlpha, gradient);
            }
        }
        synchronized (this) {
            updates++;
        }
        if (updates % config.targetUpdateInterval() == 0) {
            polyak(targetW, criticW);
            polyak(targetB, criticB);
        }
        return new double[] {criticLoss, actorLoss, -logProbMean};
    }

    /** @return {action in the bounds [n × A], log π(action|obs) [n × 1]} */
    private NDArray[] sample(NDArray obs, NDArray eps, NDArray[] w, NDArray[] b) {
        NDArray[] head = actorHead(obs, w, b);
        NDArray u = head[0].add(head[1].exp().mul(eps));
        // log N(u; μ, σ) − Σ log(scale · (1 − tanh²u)), with log(1 − tanh²u) = 2(log 2 − u − softplus(−2u))
        NDArray gaussian = eps.square().mul(-0.5f).sub(head[1]).sub(HALF_LOG_2PI);
        // (multiplications inside the graph use libtorch-owned constants: autograd keeps the operand)
        NDArray logDet = Activation.softPlus(u.mul(constant(obs, -2f))).add(u).neg().add(LOG_2).mul(constant(obs, 2f))
                .add(actionScale.log());
        NDArray logProb = gaussian.sub(logDet).sum(new int[] {1}, true);
        return new NDArray[] {u.tanh().mul(actionScale).add(actionOffset), logProb};
    }

    /** @return {μ [n × A], log σ [n × A] in [LOG_STD_MIN, LOG_STD_MAX]} */
    private NDArray[] actorHead(NDArray obs, NDArray[] w, NDArray[] b) {
        NDArray h = obs;
        for (int l = 0; l < w.length; l++) {
            h = h.matMul(w[l]).add(b[l]);
            if (l < w.length - 1) {
                h = Activation.relu(h);
            }
        }
        NDArray mean = h.get(":, 0:" + actionDim);
        NDArray raw = h.get(":, " + actionDim + ":");
        NDArray logStd = raw.tanh().add(1f).mul(constant(obs, 0.5f * (LOG_STD_MAX - LOG_STD_MIN))).add(LOG_STD_MIN);
        return new NDArray[] {mean, logStd};
    }

    /** @return both critics' values {@code [2 × n × 1]} */
    private static NDArray q(NDArray obs, NDArray action, NDArray[] w, NDArray[] b) {
        NDArray h = NDArrays.concat(new NDList(obs, action), 1).expandDims(0);
        for (int l = 0; l < w.length; l++) {
            h = h.matMul(w[l]).add(b[l]);
            if (l < w.length - 1) {
                h = Activation.relu(h);
            }
        }
        return h;
    }

    /** A libtorch-owned scalar in {@code like}'s manager (safe as an autograd operand). */
    private static NDArray constant(NDArray like, float value) {
        return DjlEngine.constant(like.getManager(), value);
    }

    private static NDArray minQ(NDArray twin) {
        return twin.get(0).minimum(twin.get(1));
    }

    private void applyAdam(String prefix, NDArray[] w, NDArray[] b) {
        for (int l = 0; l < w.length; l++) {
            update(prefix + ".w" + l, w[l]);
            update(prefix + ".b" + l, b[l]);
        }
    }

    private void update(String id, NDArray parameter) {
        try (NDArray gradient = parameter.getGradient()) {
            adam.update(id, parameter, gradient);
            gradient.muli(0);
        }
    }

    private void polyak(NDArray[] target, NDArray[] source) {
        float tau = config.tau();
        for (int l = 0; l < target.length; l++) {
            try (NDArray part = source[l].mul(tau)) {
                target[l].muli(1 - tau).addi(part);
            }
        }
    }

    private void attach(NDManager scope) {
        for (NDArray[] group : List.of(actorW, actorB, criticW, criticB, targetW, targetB)) {
            for (NDArray array : group) {
                array.tempAttach(scope);
            }
        }
        actionScale.tempAttach(scope);
        actionOffset.tempAttach(scope);
    }

    private void fillNoise() {
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) nextGaussian(random);
        }
    }

    private NDArray parameter(float[] values, Shape shape) {
        return DjlEngine.parameter(manager, values, shape);
    }

    /** Xavier-uniform weights for {@code copies} layers {@code [in × out]}, concatenated. */
    private float[] xavier(int copies, int in, int out) {
        return DjlEngine.xavierUniform(random, copies, in, out);
    }

    private static float[] oneMinus(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = 1f - values[i];
        }
        return out;
    }

    private static float[] gaussians(RandomStream random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) nextGaussian(random);
        }
        return out;
    }

    private static double nextGaussian(RandomStream random) {
        // Box–Muller on the stream (what every SAC run so far drew; kept for reproducibility).
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private <T> T call(Callable<T> task) {
        if (closed) {
            throw new IllegalStateException("the SAC learner is closed");
        }
        return DjlEngine.call(task);
    }

    /** Adam (Kingma & Ba 2015) for the one scalar parameter log α. */
    private static final class ScalarAdam {
        private final float rate;
        private double m;
        private double v;
        private int t;

        ScalarAdam(float rate) {
            this.rate = rate;
        }

        float step(float value, float gradient) {
            t++;
            m = 0.9 * m + 0.1 * gradient;
            v = 0.999 * v + 0.001 * gradient * gradient;
            double mHat = m / (1 - Math.pow(0.9, t));
            double vHat = v / (1 - Math.pow(0.999, t));
            return (float) (value - rate * mHat / (Math.sqrt(vHat) + 1e-8));
        }

        void saveState(Checkpoint out) {
            out.putDouble("m", m);
            out.putDouble("v", v);
            out.putLong("t", t);
        }

        void restoreState(Checkpoint in) {
            m = in.getDouble("m");
            v = in.getDouble("v");
            t = (int) in.getLong("t");
        }
    }
}
