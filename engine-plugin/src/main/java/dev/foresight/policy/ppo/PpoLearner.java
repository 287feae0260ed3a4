package dev.foresight.policy.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.foresight.djl.DjlEngine;
import dev.foresight.policy.ActorWeights;
import dev.foresight.policy.CriticWeights;
import dev.foresight.policy.PolicyNetworks;
import dev.foresight.util.Gaussians;
import dev.foresight.util.RandomStream;
import dev.foresight.util.RunningMoments;
import dev.foresight.util.Shuffle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Proximal policy optimisation with the clipped objective (Schulman et al. 2017, "Proximal policy
 * optimization algorithms", Algorithm 1 and eq. 7, 9), trained with DJL's PyTorch engine:
 * <ul>
 *   <li>actor: tanh MLP {@code obs → μ}, a Gaussian with a state-independent, learned log σ; the
 *       sampled action is not squashed — the environment clips it, the log-probability is of the
 *       sample;</li>
 *   <li>critic: a separate tanh MLP {@code obs → V};</li>
 *   <li>per rollout ({@link PpoRollout}): the observation statistics are merged first (if
 *       normalising), values and old log-probabilities computed in one pass, advantages by GAE
 *       ({@link Advantages}), then {@code epochs} shuffled passes of minibatches minimising
 *       {@code −E[min(ρÂ, clip(ρ, 1±ε)Â)] + c_v·E[(V − R̂)²] − c_e·H}, advantages normalised per
 *       minibatch, the global gradient norm clipped, Adam;</li>
 *   <li>weights: orthogonal (Saxe et al. 2014) with gain √2, 0.01 for the policy output and 1 for
 *       the value output, zero biases — the initialisation Stable-Baselines3 and Andrychowicz et
 *       al. 2021 ("What matters in on-policy RL") recommend.</li>
 * </ul>
 *
 * <p>Threading: every DJL call runs on the shared {@code foresight-djl} thread; the public methods
 * may be called from any thread, one at a time, and block until done.
 */
public final class PpoLearner implements AutoCloseable {
    private static final float HALF_LOG_2PI = (float) (0.5 * Math.log(2 * Math.PI));
    private static final int FORWARD_CHUNK = 8192;

    /**
     * What the last {@link #update} did (means over its minibatches).
     *
     * @param policyLoss the clipped surrogate loss
     * @param valueLoss E[(V − R̂)²]
     * @param entropy the Gaussian's entropy (nats)
     * @param approxKl E[(ρ − 1) − log ρ], the KL estimate of Schulman's "Approximating KL divergence"
     * @param clipFraction share of rows whose ratio was clipped
     * @param updates gradient steps so far
     */
    public record UpdateStats(double policyLoss, double valueLoss, double entropy, double approxKl, double clipFraction,
                              long updates) {
        /** Before any update. */
        public static final UpdateStats NONE = new UpdateStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    private final PpoConfig config;
    private final int obsDim;
    private final int actionDim;
    private final float[] low;
    private final float[] high;
    private final int[] actorSizes;
    private final int[] criticSizes;
    private final RunningMoments obsMoments;

    // Confined to the learner thread.
    private Engine engine;
    private NDManager manager;
    private NDArray[] actorW;
    private NDArray[] actorB;
    private NDArray[] criticW;
    private NDArray[] criticB;
    private NDArray logStd;
    private Optimizer adam;
    private RandomStream random;
    private float[] normMean;
    private float[] normStd;
    private long updates;
    private boolean closed;

    /**
     * Creates the networks with fresh weights from {@code config.seed()}.
     *
     * @param config the settings (not null)
     * @param obsDim observation size (&ge;1)
     * @param low lower action bounds, finite, {@code [actionDim]} (unaffected; used by the exported policy's clip)
     * @param high upper action bounds, finite, {@code [actionDim]} (unaffected)
     */
    public PpoLearner(PpoConfig config, int obsDim, float[] low, float[] high) {
        this.config = Objects.requireNonNull(config, "config");
        PolicyNetworks.checkBounds("PPO", obsDim, low, high);
        this.obsDim = obsDim;
        this.actionDim = low.length;
        this.low = low.clone();
        this.high = high.clone();
        this.actorSizes = PolicyNetworks.layerSizes(obsDim, config.hidden(), actionDim);
        this.criticSizes = PolicyNetworks.layerSizes(obsDim, config.hidden(), 1);
        this.obsMoments = new RunningMoments(obsDim);
        this.normMean = new float[obsDim];
        this.normStd = new float[obsDim];
        Arrays.fill(normStd, 1f);
        call(this::initialise);
    }

    /** @return the settings */
    public PpoConfig config() {
        return config;
    }

    /** @return gradient steps done */
    public synchronized long updates() {
        return updates;
    }

    /** @return the Gaussian's current σ per action dimension */
    public float[] std() {
        return call(() -> logStd.exp().toFloatArray());
    }

    /**
     * Acts for a batch of observations.
     *
     * @param obs {@code [n × obsDim]} (unaffected)
     * @param n rows (&ge;1)
     * @param deterministic the mean μ if true, else a sample {@code μ + σ·z}; either unclipped
     * @param sampling the stream of the sample's noise (not null; unused if deterministic)
     * @param out storage for {@code [n × actionDim]} (modified)
     */
    public void act(float[] obs, int n, boolean deterministic, RandomStream sampling, float[] out) {
        if (n < 1 || obs.length < n * obsDim || out.length < n * actionDim) {
            throw new IllegalArgumentException("act needs n >= 1, obs [n × " + obsDim + "] and out [n × " + actionDim
                    + "], got n=" + n + ", " + obs.length + ", " + out.length);
        }
        float[] z = new float[deterministic ? 0 : n * actionDim];
        for (int i = 0; i < z.length; i++) {
            z[i] = Gaussians.standard(sampling);
        }
        call(() -> {
            try (NDManager scope = manager.newSubManager()) {
                NDArray mean = mlp(DjlEngine.owned(scope, normalized(obs, n), new Shape(n, obsDim)), actorW, actorB);
                NDArray action = deterministic ? mean
                        : mean.add(logStd.exp().mul(DjlEngine.owned(scope, z, new Shape(n, actionDim))));
                System.arraycopy(action.toFloatArray(), 0, out, 0, n * actionDim);
            }
            return null;
        });
    }

    /**
     * Learns from a rollout: see the class comment.
     *
     * @param rollout the filled rollout (not null; unaffected)
     * @return means over the minibatches
     * @throws IllegalArgumentException if the rollout's shapes differ from the learner's or no row is valid
     */
    public UpdateStats update(PpoRollout rollout) {
        if (rollout.obsDim != obsDim || rollout.actionDim != actionDim) {
            throw new IllegalArgumentException("the rollout has obsDim " + rollout.obsDim + ", actionDim "
                    + rollout.actionDim + "; the learner " + obsDim + ", " + actionDim);
        }
        int steps = rollout.filled();
        int rows = steps * rollout.envs;
        int[] index = new int[rows];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (rollout.valid[r]) {
                index[count++] = r;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the rollout has no valid row to learn from");
        }
        int validRows = count;
        return call(() -> {
            if (config.normalizeObservations()) {
                obsMoments.update(rollout.obs, rows, rollout.valid);
                normMean = obsMoments.mean();
                normStd = obsMoments.std(1e-8);
            }
            float[] values = forward(rollout.obs, rows, criticW, criticB);
            float[] lastValues = forward(rollout.lastObs, rollout.envs, criticW, criticB);
            float[] finalValues = new float[rows];
            float[] finals = gatherTruncated(rollout, rows);
            if (finals.length > 0) {
                float[] v = forward(finals, finals.length / obsDim, criticW, criticB);
                for (int r = 0, k = 0; r < rows; r++) {
                    if (rollout.truncated[r] && rollout.valid[r]) {
                        finalValues[r] = v[k++];
                    }
                }
            }
            float[] advantages = new float[rows];
            float[] returns = new float[rows];
            Advantages.compute(steps, rollout.envs, rollout.rewards, values, rollout.terminated, rollout.truncated,
                    finalValues, lastValues, rollout.valid, config.gamma(), config.gaeLambda(), advantages, returns);
            float[] oldLogProb = logProbs(rollout.obs, rollout.actions, rows);
            return train(rollout, index, validRows, advantages, returns, oldLogProb);
        });
    }

    /**
     * The deterministic actor ({@code clip(μ, low, high)}) as plain weights for ONNX export, with
     * the observation normalisation in use.
     *
     * @return the weights
     */
    public ActorWeights actorWeights() {
        return call(() -> {
            float[][] w = new float[actorW.length][];
            float[][] b = new float[actorW.length][];
            for (int l = 0; l < actorW.length; l++) {
                w[l] = actorW[l].toFloatArray();
                b[l] = actorB[l].toFloatArray();
            }
            return new ActorWeights(obsDim, actionDim, actorSizes.clone(), w, b, ActorWeights.Activation.TANH,
                    ActorWeights.Squash.CLIP, low.clone(), high.clone(), normMean.clone(), normStd.clone());
        });
    }

    /**
     * The critic's value of each observation, computed by DJL, in the units of the rewards it
     * learned from (scaled, if PPO scaled them).
     *
     * @param obs {@code [n × obsDim]} (unaffected)
     * @param n rows (&ge;1)
     * @param out storage for {@code [n]} (modified)
     */
    public void values(float[] obs, int n, float[] out) {
        float[] values = call(() -> forward(obs, n, criticW, criticB));
        System.arraycopy(values, 0, out, 0, n);
    }

    /**
     * The critic as plain weights for export, with the observation normalisation in use.
     *
     * @param rewardScale what the rewards it learned from were divided by ({@link RewardScaler#scale()};
     *                    1 if unscaled), so that the exported value is in reward units
     * @return the weights: one member, a state value
     */
    public CriticWeights criticWeights(float rewardScale) {
        return call(() -> {
            float[][][] w = new float[1][criticW.length][];
            float[][][] b = new float[1][criticW.length][];
            for (int l = 0; l < criticW.length; l++) {
                w[0][l] = criticW[l].toFloatArray();
                b[0][l] = criticB[l].toFloatArray();
            }
            return new CriticWeights(obsDim, 0, criticSizes.clone(), w, b, ActorWeights.Activation.TANH,
                    normMean.clone(), normStd.clone(), rewardScale);
        });
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
        float hiddenGain = (float) Math.sqrt(2);
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            actorW[l] = parameter(orthogonal(actorSizes[l], actorSizes[l + 1], last ? 0.01f : hiddenGain),
                    new Shape(actorSizes[l], actorSizes[l + 1]));
            actorB[l] = parameter(new float[actorSizes[l + 1]], new Shape(1, actorSizes[l + 1]));
            criticW[l] = parameter(orthogonal(criticSizes[l], criticSizes[l + 1], last ? 1f : hiddenGain),
                    new Shape(criticSizes[l], criticSizes[l + 1]));
            criticB[l] = parameter(new float[criticSizes[l + 1]], new Shape(1, criticSizes[l + 1]));
        }
        float[] initialLogStd = new float[actionDim];
        Arrays.fill(initialLogStd, config.initialLogStd());
        logStd = parameter(initialLogStd, new Shape(1, actionDim));
        adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).optEpsilon(1e-5f).build();
        return null;
    }

    private UpdateStats train(PpoRollout rollout, int[] index, int count, float[] advantages, float[] returns,
                              float[] oldLogProb) {
        int size = Math.min(config.minibatchSize(), count);
        float[] obs = new float[size * obsDim];
        float[] act = new float[size * actionDim];
        float[] adv = new float[size];
        float[] ret = new float[size];
        float[] old = new float[size];
        double policySum = 0;
        double valueSum = 0;
        double entropySum = 0;
        double klSum = 0;
        double clipSum = 0;
        int batches = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            Shuffle.firstN(index, count, random);
            for (int from = 0; from < count; from += size) {
                int n = Math.min(size, count - from);
                for (int k = 0; k < n; k++) {
                    int r = index[from + k];
                    for (int d = 0; d < obsDim; d++) {
                        obs[k * obsDim + d] = (rollout.obs[r * obsDim + d] - normMean[d]) / normStd[d];
                    }
                    System.arraycopy(rollout.actions, r * actionDim, act, k * actionDim, actionDim);
                    adv[k] = advantages[r];
                    ret[k] = returns[r];
                    old[k] = oldLogProb[r];
                }
                normalizeAdvantages(adv, n);
                double[] stats = step(obs, act, adv, ret, old, n);
                policySum += stats[0];
                valueSum += stats[1];
                entropySum += stats[2];
                klSum += stats[3];
                clipSum += stats[4];
                batches++;
            }
        }
        return new UpdateStats(policySum / batches, valueSum / batches, entropySum / batches, klSum / batches,
                clipSum / batches, updates);
    }

    /** One gradient step; returns {policy loss, value loss, entropy, approx KL, clip fraction}. */
    private double[] step(float[] obs, float[] act, float[] adv, float[] ret, float[] old, int n) {
        double[] out = new double[5];
        try (NDManager scope = manager.newSubManager()) {
            attach(scope);
            NDArray x = DjlEngine.owned(scope, Arrays.copyOf(obs, n * obsDim), new Shape(n, obsDim));
            NDArray a = DjlEngine.owned(scope, Arrays.copyOf(act, n * actionDim), new Shape(n, actionDim));
            NDArray advantage = DjlEngine.owned(scope, Arrays.copyOf(adv, n), new Shape(n));
            NDArray target = DjlEngine.owned(scope, Arrays.copyOf(ret, n), new Shape(n));
            NDArray oldLogProb = DjlEngine.owned(scope, Arrays.copyOf(old, n), new Shape(n));
            float clip = config.clipRange();
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray logProb = logProb(mlp(x, actorW, actorB), a, scope);
                NDArray logRatio = logProb.sub(oldLogProb);
                NDArray ratio = logRatio.exp();
                NDArray surrogate = ratio.mul(advantage).minimum(ratio.clip(1 - clip, 1 + clip).mul(advantage));
                NDArray policyLoss = surrogate.mean().neg();
                NDArray value = mlp(x, criticW, criticB).reshape(n);
                NDArray valueLoss = value.sub(target).square().mean();
                NDArray entropy = logStd.add(0.5f + HALF_LOG_2PI).sum();
                NDArray loss = policyLoss.add(valueLoss.mul(DjlEngine.constant(scope, config.valueCoef())))
                        .sub(entropy.mul(DjlEngine.constant(scope, config.entropyCoef())));
                collector.backward(loss);
                out[0] = policyLoss.getFloat();
                out[1] = valueLoss.getFloat();
                out[2] = entropy.getFloat();
                out[3] = ratio.sub(1f).sub(logRatio).mean().getFloat();
                out[4] = ratio.sub(1f).abs().gt(clip).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean()
                        .getFloat();
            }
        }
        applyGradients();
        return out;
    }

    /** Clips the global gradient norm, then one Adam step on every parameter (gradients zeroed after). */
    private void applyGradients() {
        List<NDArray> parameters = parameters();
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        double squares = 0;
        for (NDArray parameter : parameters) {
            NDArray gradient = parameter.getGradient();
            gradients.add(gradient);
            squares += gradient.square().sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        float scale = norm > config.maxGradNorm() ? (float) (config.maxGradNorm() / (norm + 1e-6)) : 1f;
        for (int i = 0; i < parameters.size(); i++) {
            try (NDArray gradient = gradients.get(i)) {
                if (scale != 1f) {
                    gradient.muli(scale);
                }
                adam.update("p" + i, parameters.get(i), gradient);
                gradient.muli(0);
            }
        }
        synchronized (this) {
            updates++;
        }
    }

    /** @return log N(a; μ, σ) summed over the action dimensions, {@code [n]} */
    private NDArray logProb(NDArray mean, NDArray action, NDManager scope) {
        NDArray z = action.sub(mean).div(logStd.exp());
        return z.square().mul(DjlEngine.constant(scope, -0.5f)).sub(logStd).sub(HALF_LOG_2PI).sum(new int[] {1});
    }

    /** The critic or actor on {@code rows} raw observations, without a graph, in chunks. */
    private float[] forward(float[] raw, int rows, NDArray[] w, NDArray[] b) {
        int outDim = (int) w[w.length - 1].getShape().get(1);
        float[] out = new float[rows * outDim];
        for (int from = 0; from < rows; from += FORWARD_CHUNK) {
            int n = Math.min(FORWARD_CHUNK, rows - from);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = DjlEngine.owned(scope, normalized(Arrays.copyOfRange(raw, from * obsDim, (from + n) * obsDim), n),
                        new Shape(n, obsDim));
                System.arraycopy(mlp(x, w, b).toFloatArray(), 0, out, from * outDim, n * outDim);
            }
        }
        return out;
    }

    private float[] logProbs(float[] raw, float[] actions, int rows) {
        float[] out = new float[rows];
        for (int from = 0; from < rows; from += FORWARD_CHUNK) {
            int n = Math.min(FORWARD_CHUNK, rows - from);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = DjlEngine.owned(scope, normalized(Arrays.copyOfRange(raw, from * obsDim, (from + n) * obsDim), n),
                        new Shape(n, obsDim));
                NDArray a = DjlEngine.owned(scope, Arrays.copyOfRange(actions, from * actionDim, (from + n) * actionDim),
                        new Shape(n, actionDim));
                System.arraycopy(logProb(mlp(x, actorW, actorB), a, scope).toFloatArray(), 0, out, from, n);
            }
        }
        return out;
    }

    private float[] gatherTruncated(PpoRollout rollout, int rows) {
        int k = 0;
        for (int r = 0; r < rows; r++) {
            if (rollout.truncated[r] && rollout.valid[r]) {
                k++;
            }
        }
        float[] out = new float[k * obsDim];
        for (int r = 0, j = 0; r < rows; r++) {
            if (rollout.truncated[r] && rollout.valid[r]) {
                System.arraycopy(rollout.finalObs, r * obsDim, out, j++ * obsDim, obsDim);
            }
        }
        return out;
    }

    /** @return {@code (obs − mean)/std} for the first n rows, as the exported policy computes it */
    private float[] normalized(float[] obs, int n) {
        float[] out = new float[n * obsDim];
        for (int r = 0; r < n; r++) {
            for (int d = 0; d < obsDim; d++) {
                out[r * obsDim + d] = (obs[r * obsDim + d] - normMean[d]) / normStd[d];
            }
        }
        return out;
    }

    private static void normalizeAdvantages(float[] adv, int n) {
        if (n < 2) {
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += adv[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += (adv[i] - mean) * (adv[i] - mean);
        }
        double std = Math.sqrt(squares / (n - 1));
        for (int i = 0; i < n; i++) {
            adv[i] = (float) ((adv[i] - mean) / (std + 1e-8));
        }
    }

    private static NDArray mlp(NDArray x, NDArray[] w, NDArray[] b) {
        NDArray h = x;
        for (int l = 0; l < w.length; l++) {
            h = h.matMul(w[l]).add(b[l]);
            if (l < w.length - 1) {
                h = h.tanh();
            }
        }
        return h;
    }

    private List<NDArray> parameters() {
        List<NDArray> all = new ArrayList<>();
        all.addAll(Arrays.asList(actorW));
        all.addAll(Arrays.asList(actorB));
        all.addAll(Arrays.asList(criticW));
        all.addAll(Arrays.asList(criticB));
        all.add(logStd);
        return all;
    }

    private void attach(NDManager scope) {
        for (NDArray array : parameters()) {
            array.tempAttach(scope);
        }
    }

    private NDArray parameter(float[] values, Shape shape) {
        return DjlEngine.parameter(manager, values, shape);
    }

    /**
     * An orthogonal {@code [rows × cols]} matrix times {@code gain}: the columns (or rows, whichever
     * are fewer) of a Gaussian matrix orthonormalised by modified Gram–Schmidt.
     */
    private float[] orthogonal(int rows, int cols, float gain) {
        int small = Math.min(rows, cols);
        int large = Math.max(rows, cols);
        double[][] q = new double[small][large];
        for (int i = 0; i < small; i++) {
            for (int j = 0; j < large; j++) {
                q[i][j] = Gaussians.standard(random);
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < large; j++) {
                    dot += q[i][j] * q[k][j];
                }
                for (int j = 0; j < large; j++) {
                    q[i][j] -= dot * q[k][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < large; j++) {
                norm += q[i][j] * q[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < large; j++) {
                q[i][j] /= norm;
            }
        }
        float[] w = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[r * cols + c] = gain * (float) (rows >= cols ? q[c][r] : q[r][c]);
            }
        }
        return w;
    }

    private <T> T call(Callable<T> task) {
        if (closed) {
            throw new IllegalStateException("the PPO learner is closed");
        }
        return DjlEngine.call(task);
    }
}
