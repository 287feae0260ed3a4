package dev.foresight.model.ensemble;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.Transitions;
import dev.foresight.djl.DjlEngine;
import dev.foresight.djl.SavableAdam;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.Prediction;
import dev.foresight.util.Gaussians;
import dev.foresight.util.RandomStream;
import dev.foresight.util.Shuffle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * Trains a probabilistic ensemble as in PETS (Chua et al. 2018, section 4.1): E networks, each
 * predicting a Gaussian (mean and soft-bounded log-variance) over the normalised change of the
 * observation (and optionally the reward), trained on its own bootstrap resample of the data with
 * the Gaussian negative log-likelihood, Adam, a held-out validation split and early stopping; the
 * {@code elites} members with the lowest validation error are kept (MBPO).
 *
 * <p>All members train as one batched computation in DJL's PyTorch engine: weights
 * {@code [E × in × out]}, inputs {@code [E × batch × in]}, {@code batchMatMul}.
 *
 * <p>Incremental: each {@link #fit} continues from the current weights and optimiser state, with
 * the normalisation statistics refitted to the new data.
 *
 * <p>Threading: every DJL call runs on one thread that all trainers share ({@code foresight-djl}),
 * which keeps PyTorch's per-thread state (grad mode, OpenMP settings) in one place and training
 * bit-reproducible; {@link #fitAsync} returns at once, the other methods wait for it. Methods may
 * be called from any thread, one at a time per trainer.
 */
public final class EnsembleTrainer implements AutoCloseable, Checkpointable {
    private static final Logger logger = Logger.getLogger(EnsembleTrainer.class.getName());
    private static final float LOGVAR_BOUND_PENALTY = 0.01f;
    private static final double IMPROVEMENT = 0.01;

    private final EnsembleConfig config;
    private final int obsDim;
    private final int actionDim;
    private final int inDim;
    private final int targetDim;
    private final int[] layerSizes;
    private final ExecutorService thread;

    // Confined to the trainer thread.
    private Engine engine;
    private NDManager manager;
    private NDArray[] weights;
    private NDArray[] biases;
    private NDArray maxLogVar;
    private NDArray minLogVar;
    private SavableAdam adam;
    private RandomStream random;
    private Normalizer inputNormalizer;
    private Normalizer targetNormalizer;
    private int[] elites;
    private boolean closed;

    /**
     * Creates the ensemble with freshly initialised weights (truncated normal, std 1/(2·sqrt(in)),
     * as in PETS) from {@code config.seed()}. The first trainer in a JVM starts the PyTorch engine,
     * which takes a few seconds.
     *
     * @param config ensemble and training settings (not null)
     * @param obsDim observation size (&ge;1)
     * @param actionDim action size (&ge;1)
     */
    public EnsembleTrainer(EnsembleConfig config, int obsDim, int actionDim) {
        if (obsDim < 1 || actionDim < 1) {
            throw new IllegalArgumentException("obsDim and actionDim must be >= 1, got " + obsDim + ", " + actionDim);
        }
        this.config = config;
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        this.inDim = obsDim + actionDim;
        this.targetDim = obsDim + (config.learnReward() ? 1 : 0);
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inDim);
        sizes.addAll(config.hiddenSizes());
        sizes.add(2 * targetDim);
        this.layerSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
        this.thread = DjlEngine.thread();
        call(this::initialise);
    }

    /** @return the settings */
    public EnsembleConfig config() {
        return config;
    }

    /** @return {@code [in, hidden…, 2·targetDim]} */
    public int[] layerSizes() {
        return layerSizes.clone();
    }

    /**
     * Trains on a dataset and blocks until done. See {@link #fitAsync}.
     *
     * @param data the transitions (at least 2 rows; not null)
     * @param listener progress hook (not null)
     * @return the report
     */
    public TrainingReport fit(Transitions data, TrainingListener listener) {
        try {
            return fitAsync(data, listener).join();
        } catch (CompletionException e) {
            throw DjlEngine.unwrap(e);
        }
    }

    /**
     * Starts training on the trainer's thread.
     *
     * @param data the transitions (at least 2 rows, no NaN; not null); not modified
     * @param listener progress hook, called on the trainer's thread (not null)
     * @return completes with the report, or exceptionally
     * @throws IllegalArgumentException if the data's sizes do not match the ensemble's
     */
    public CompletableFuture<TrainingReport> fitAsync(Transitions data, TrainingListener listener) {
        if (data.obsDim() != obsDim || data.actionDim() != actionDim) {
            throw new IllegalArgumentException("data has obsDim=" + data.obsDim() + ", actionDim=" + data.actionDim()
                    + " but the ensemble was built for obsDim=" + obsDim + ", actionDim=" + actionDim);
        }
        if (data.size() < 2) {
            throw new IllegalArgumentException("need at least 2 transitions to train, got " + data.size());
        }
        return CompletableFuture.supplyAsync(() -> train(data, listener), thread);
    }

    /**
     * @return the kept (elite) members' parameters, best first
     * @throws IllegalStateException before the first fit
     */
    public EnsembleWeights weights() {
        return call(this::snapshotElites);
    }

    /**
     * Predicts with the DJL network of the kept members — the reference the ONNX export is tested
     * against. Shapes as in {@link DynamicsModel#predict}, with E = number of elites.
     */
    public void predict(float[] obs, float[] action, int n, Prediction out) {
        call(() -> {
            predictOnThread(obs, action, n, out);
            return null;
        });
    }

    /**
     * Saves every member's parameters, the log-variance bounds, Adam's moments, the shuffling
     * stream, and (after a fit) the normalisers and elites.
     */
    @Override
    public void saveState(Checkpoint out) {
        call(() -> {
            float[][] parameters = copyParameters();
            for (int k = 0; k < parameters.length; k++) {
                out.putFloats("p" + k, parameters[k]);
            }
            adam.saveState(out.scope("adam"));
            out.putStream("random", random);
            out.putBoolean("fitted", elites != null);
            if (elites != null) {
                out.putInts("elites", elites);
                saveNormalizer(out.scope("input_normalizer"), inputNormalizer);
                saveNormalizer(out.scope("target_normalizer"), targetNormalizer);
            }
            return null;
        });
    }

    @Override
    public void restoreState(Checkpoint in) {
        call(() -> {
            float[][] current = copyParameters();
            float[][] parameters = new float[current.length][];
            for (int k = 0; k < parameters.length; k++) {
                parameters[k] = in.getFloats("p" + k, current[k].length);
            }
            boolean fitted = in.getBoolean("fitted");
            int[] savedElites = fitted ? in.getInts("elites") : null;
            Normalizer input = fitted ? readNormalizer(in.scope("input_normalizer"), inDim) : null;
            Normalizer target = fitted ? readNormalizer(in.scope("target_normalizer"), targetDim) : null;
            if (savedElites != null && (savedElites.length != config.elites()
                    || Arrays.stream(savedElites).anyMatch(m -> m < 0 || m >= config.members())
                    || Arrays.stream(savedElites).distinct().count() != savedElites.length)) {
                throw new dev.foresight.checkpoint.CheckpointException("the ensemble's elites " + Arrays.toString(savedElites)
                        + " are not " + config.elites() + " distinct members of " + config.members()
                        + ": the checkpoint was written for other settings or is damaged");
            }
            Map<String, Shape> shapes = new java.util.HashMap<>();
            for (int l = 0; l < weights.length; l++) {
                shapes.put("w" + l, weights[l].getShape());
                shapes.put("b" + l, biases[l].getShape());
            }
            shapes.put("max_logvar", maxLogVar.getShape());
            shapes.put("min_logvar", minLogVar.getShape());
            in.restoreStream("random", random);
            adam.restoreState(in.scope("adam"), manager, shapes);
            restoreParameters(parameters);
            elites = savedElites;
            inputNormalizer = input;
            targetNormalizer = target;
            return null;
        });
    }

    private static void saveNormalizer(Checkpoint out, Normalizer normalizer) {
        out.putFloats("mean", normalizer.mean());
        out.putFloats("std", normalizer.std());
        out.putBooleans("constant", normalizer.constant(), normalizer.constant().length);
    }

    private static Normalizer readNormalizer(Checkpoint in, int dim) {
        boolean[] constant = in.getBooleans("constant");
        in.requireLength("constant", constant.length, dim);
        float[] std = in.getFloats("std", dim);
        for (float s : std) {
            if (!(s > 0)) {
                throw new dev.foresight.checkpoint.CheckpointException("a normaliser's standard deviation " + s
                        + " is not positive: the checkpoint is damaged");
            }
        }
        return new Normalizer(in.getFloats("mean", dim), std, constant);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        DjlEngine.closeOnThread(manager);
        closed = true;
    }

    // ---------------------------------------------------------------- trainer thread

    private Void initialise() {
        engine = DjlEngine.pytorch();
        manager = engine.newBaseManager();
        random = new RandomStream(config.seed());
        int members = config.members();
        weights = new NDArray[layerSizes.length - 1];
        biases = new NDArray[layerSizes.length - 1];
        for (int l = 0; l < weights.length; l++) {
            int in = layerSizes[l];
            int out = layerSizes[l + 1];
            float std = (float) (1.0 / (2.0 * Math.sqrt(in)));
            float[] w = new float[members * in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = std * Gaussians.truncated(random, 2f);
            }
            weights[l] = parameter(w, new Shape(members, in, out));
            biases[l] = parameter(new float[members * out], new Shape(members, 1, out));
        }
        float[] max = new float[targetDim];
        float[] min = new float[targetDim];
        Arrays.fill(max, 0.5f);
        Arrays.fill(min, -10f);
        maxLogVar = parameter(max, new Shape(1, 1, targetDim));
        minLogVar = parameter(min, new Shape(1, 1, targetDim));
        adam = new SavableAdam(config.learningRate());
        return null;
    }

    /** Creates a trainable parameter (libtorch-owned memory) in the trainer's manager. */
    private NDArray parameter(float[] values, Shape shape) {
        return DjlEngine.parameter(manager, values, shape);
    }

    private TrainingReport train(Transitions data, TrainingListener listener) {
        long start = System.nanoTime();
        int n = data.size();
        float[] inputs = inputs(data);
        float[] targets = targets(data);
        inputNormalizer = Normalizer.fit(inputs, n, inDim);
        targetNormalizer = Normalizer.fit(targets, n, targetDim);
        inputNormalizer.normalize(inputs);
        targetNormalizer.normalize(targets);

        int[] order = shuffled(n, random);
        int validationRows = (int) Math.min(Math.round(n * config.validationFraction()), n - 1);
        if (config.validationFraction() > 0) {
            validationRows = Math.max(1, validationRows);
        }
        int[] validation = Arrays.copyOfRange(order, 0, validationRows);
        int[] train = Arrays.copyOfRange(order, validationRows, n);
        int[][] bootstrap = ReplayBuffer.bootstrap(config.members(), train.length, random);
        for (int[] member : bootstrap) {
            for (int k = 0; k < member.length; k++) {
                member[k] = train[member[k]];
            }
        }

        int members = config.members();
        // The best is tracked from the first epoch on, not from the weights the fit started with:
        // when an incremental fit adds a little new data to much old data, the validation error
        // barely moves at first, and falling back to the old weights would never learn the new data.
        double[] best = new double[members];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        float[][] bestWeights = null;
        double[] validationMse = new double[members];
        int bestEpoch = 0;
        int sinceImprovement = 0;
        int epoch = 0;
        long rowsSeen = 0;
        while (epoch < config.maxEpochs()) {
            epoch++;
            double loss = trainEpoch(inputs, targets, bootstrap);
            rowsSeen += (long) members * train.length;
            validationMse = validationMse(inputs, targets, validation);
            boolean improved = false;
            for (int m = 0; m < members; m++) {
                if (validationMse[m] < best[m] * (1 - IMPROVEMENT)) {
                    improved = true;
                }
            }
            if (validation.length == 0 || improved) {
                for (int m = 0; m < members; m++) {
                    best[m] = Math.min(best[m], validationMse[m]);
                }
                if (validation.length > 0) {
                    bestWeights = copyParameters();
                }
                bestEpoch = epoch;
                sinceImprovement = 0;
            } else {
                sinceImprovement++;
            }
            listener.onEpoch(epoch, config.maxEpochs(), loss, mean(validationMse));
            if (validation.length > 0 && sinceImprovement >= config.patience()) {
                break;
            }
        }
        if (bestWeights != null) {
            restoreParameters(bestWeights);
            validationMse = validationMse(inputs, targets, validation);
        }
        double[] scores = validationMse.clone();
        elites = IntStream.range(0, members).boxed()
                .sorted(Comparator.comparingDouble((Integer m) -> validation.length > 0 ? scores[m] : m))
                .limit(config.elites()).mapToInt(Integer::intValue).toArray();
        double seconds = (System.nanoTime() - start) / 1e9;
        int epochsRun = epoch;
        logger.fine(() -> String.format("trained %d epochs in %.1f s, validation MSE %s", epochsRun, seconds,
                Arrays.toString(scores)));
        return new TrainingReport(epoch, bestEpoch, train.length, validation.length, scores, elites.clone(), seconds,
                rowsSeen / seconds);
    }

    private double trainEpoch(float[] inputs, float[] targets, int[][] bootstrap) {
        int members = config.members();
        int rows = bootstrap[0].length;
        int batch = Math.min(config.batchSize(), rows);
        for (int[] member : bootstrap) {
            Shuffle.firstN(member, member.length, random);
        }
        double lossSum = 0;
        int batches = 0;
        float[] x = new float[members * batch * inDim];
        float[] y = new float[members * batch * targetDim];
        for (int start = 0; start + batch <= rows; start += batch) {
            for (int m = 0; m < members; m++) {
                for (int k = 0; k < batch; k++) {
                    int row = bootstrap[m][start + k];
                    System.arraycopy(inputs, row * inDim, x, (m * batch + k) * inDim, inDim);
                    System.arraycopy(targets, row * targetDim, y, (m * batch + k) * targetDim, targetDim);
                }
            }
            lossSum += step(x, y, batch);
            batches++;
        }
        return lossSum / Math.max(1, batches);
    }

    /** One Adam update on a batch {@code x [E × batch × in]}, {@code y [E × batch × targetDim]}. */
    private double step(float[] x, float[] y, int batch) {
        int members = config.members();
        double lossValue;
        try (NDManager scope = manager.newSubManager()) {
            attachParameters(scope);
            NDArray input = DjlEngine.owned(scope, x, new Shape(members, batch, inDim));
            NDArray target = DjlEngine.owned(scope, y, new Shape(members, batch, targetDim));
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray[] out = forward(input);
                NDArray diff = out[0].sub(target);
                NDArray nll = diff.square().mul(out[1].neg().exp()).add(out[1]);
                // Constants in the graph are libtorch-owned: autograd keeps a multiplication's
                // operand for the backward pass, and a DJL scalar made from a Java buffer would be
                // freed under it.
                NDArray loss = nll.mean().mul(DjlEngine.constant(scope, members))
                        .add(maxLogVar.sum().sub(minLogVar.sum()).mul(DjlEngine.constant(scope, LOGVAR_BOUND_PENALTY)));
                if (config.weightDecay() > 0) {
                    NDArray decay = DjlEngine.constant(scope, config.weightDecay() / 2f);
                    for (NDArray w : weights) {
                        loss = loss.add(w.square().sum().mul(decay));
                    }
                }
                collector.backward(loss);
                lossValue = loss.getFloat();
            }
        }
        // The parameters are back in the trainer's manager, where Adam keeps its state.
        for (int l = 0; l < weights.length; l++) {
            update("w" + l, weights[l]);
            update("b" + l, biases[l]);
        }
        update("max_logvar", maxLogVar);
        update("min_logvar", minLogVar);
        return lossValue;
    }

    /** Attaches every parameter to {@code scope} until it closes, so that intermediates land there. */
    private void attachParameters(NDManager scope) {
        for (int l = 0; l < weights.length; l++) {
            weights[l].tempAttach(scope);
            biases[l].tempAttach(scope);
        }
        maxLogVar.tempAttach(scope);
        minLogVar.tempAttach(scope);
    }

    private void update(String id, NDArray parameter) {
        try (NDArray gradient = parameter.getGradient()) {
            adam.update(id, parameter, gradient);
            gradient.muli(0);
        }
    }

    /** @return {normalised mean, bounded log-variance}, each {@code [E × rows × targetDim]} */
    private NDArray[] forward(NDArray input) {
        NDArray h = input;
        for (int l = 0; l < weights.length; l++) {
            h = h.batchMatMul(weights[l]).add(biases[l]);
            if (l < weights.length - 1) {
                h = h.mul(Activation.sigmoid(h));
            }
        }
        NDArray mean = h.get(":, :, 0:" + targetDim);
        NDArray raw = h.get(":, :, " + targetDim + ":");
        NDArray logVar = maxLogVar.sub(Activation.softPlus(maxLogVar.sub(raw)));
        logVar = minLogVar.add(Activation.softPlus(logVar.sub(minLogVar)));
        return new NDArray[] {mean, logVar};
    }

    private double[] validationMse(float[] inputs, float[] targets, int[] rows) {
        int members = config.members();
        double[] mse = new double[members];
        if (rows.length == 0) {
            Arrays.fill(mse, Double.NaN);
            return mse;
        }
        float[] x = new float[rows.length * inDim];
        float[] y = new float[rows.length * targetDim];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(inputs, rows[k] * inDim, x, k * inDim, inDim);
            System.arraycopy(targets, rows[k] * targetDim, y, k * targetDim, targetDim);
        }
        try (NDManager scope = manager.newSubManager()) {
            attachParameters(scope);
            NDArray input = DjlEngine.owned(scope, x, new Shape(1, rows.length, inDim)).repeat(0, members);
            NDArray target = DjlEngine.owned(scope, y, new Shape(1, rows.length, targetDim));
            float[] perMember = forward(input)[0].sub(target).square().mean(new int[] {2}).mean(new int[] {1})
                    .toFloatArray();
            for (int m = 0; m < members; m++) {
                mse[m] = perMember[m];
            }
        }
        return mse;
    }

    private void predictOnThread(float[] obs, float[] action, int n, Prediction out) {
        requireTrained();
        int e = elites.length;
        if (obs.length < e * n * obsDim || action.length < e * n * actionDim) {
            throw new IllegalArgumentException("need obs [" + e + " × " + n + " × " + obsDim + "] and action ["
                    + e + " × " + n + " × " + actionDim + "]");
        }
        float[] x = new float[e * n * inDim];
        for (int r = 0; r < e * n; r++) {
            System.arraycopy(obs, r * obsDim, x, r * inDim, obsDim);
            System.arraycopy(action, r * actionDim, x, r * inDim + obsDim, actionDim);
        }
        inputNormalizer.normalize(x);
        try (NDManager scope = manager.newSubManager()) {
            attachParameters(scope);
            NDArray input = DjlEngine.owned(scope, x, new Shape(e, n, inDim));
            float[] eliteRows = new float[e];
            for (int k = 0; k < e; k++) {
                eliteRows[k] = elites[k];
            }
            NDArray eliteIndex = DjlEngine.owned(scope, eliteRows, new Shape(e)).toType(DataType.INT64, false);
            NDArray h = input;
            for (int l = 0; l < weights.length; l++) {
                h = h.batchMatMul(weights[l].get(eliteIndex)).add(biases[l].get(eliteIndex));
                if (l < weights.length - 1) {
                    h = h.mul(Activation.sigmoid(h));
                }
            }
            NDArray raw = h.get(":, :, " + targetDim + ":");
            NDArray logVar = maxLogVar.sub(Activation.softPlus(maxLogVar.sub(raw)));
            logVar = minLogVar.add(Activation.softPlus(logVar.sub(minLogVar)));
            float[] mean = h.get(":, :, 0:" + targetDim).toFloatArray();
            float[] lv = logVar.toFloatArray();
            float[] scale = targetNormalizer.outputScale();
            for (int r = 0; r < e * n; r++) {
                for (int d = 0; d < targetDim; d++) {
                    float std = targetNormalizer.std()[d];
                    float value = mean[r * targetDim + d] * scale[d] + targetNormalizer.mean()[d];
                    float logVariance = lv[r * targetDim + d] + (float) (2 * Math.log(std));
                    if (d < obsDim) {
                        out.nextObsMean()[r * obsDim + d] = obs[r * obsDim + d] + value;
                        out.nextObsLogVar()[r * obsDim + d] = logVariance;
                    } else {
                        out.rewardMean()[r] = value;
                        out.rewardLogVar()[r] = logVariance;
                    }
                }
            }
        }
    }

    private EnsembleWeights snapshotElites() {
        requireTrained();
        int e = elites.length;
        float[][] w = new float[weights.length][];
        float[][] b = new float[weights.length][];
        for (int l = 0; l < weights.length; l++) {
            int in = layerSizes[l];
            int out = layerSizes[l + 1];
            float[] all = weights[l].toFloatArray();
            float[] allBias = biases[l].toFloatArray();
            w[l] = new float[e * in * out];
            b[l] = new float[e * out];
            for (int k = 0; k < e; k++) {
                System.arraycopy(all, elites[k] * in * out, w[l], k * in * out, in * out);
                System.arraycopy(allBias, elites[k] * out, b[l], k * out, out);
            }
        }
        return new EnsembleWeights(e, obsDim, actionDim, config.learnReward(), layerSizes.clone(), w, b,
                maxLogVar.toFloatArray(), minLogVar.toFloatArray(), inputNormalizer, targetNormalizer);
    }

    private float[][] copyParameters() {
        List<float[]> copies = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            copies.add(weights[l].toFloatArray());
            copies.add(biases[l].toFloatArray());
        }
        copies.add(maxLogVar.toFloatArray());
        copies.add(minLogVar.toFloatArray());
        return copies.toArray(new float[0][]);
    }

    /** Replaces every parameter by a new one holding the copied values (Adam's state is kept by name). */
    private void restoreParameters(float[][] copies) {
        int k = 0;
        for (int l = 0; l < weights.length; l++) {
            weights[l] = replace(weights[l], copies[k++]);
            biases[l] = replace(biases[l], copies[k++]);
        }
        maxLogVar = replace(maxLogVar, copies[k++]);
        minLogVar = replace(minLogVar, copies[k]);
    }

    private NDArray replace(NDArray old, float[] values) {
        NDArray fresh = parameter(values, old.getShape());
        old.close();
        return fresh;
    }

    private float[] inputs(Transitions data) {
        int n = data.size();
        float[] x = new float[n * inDim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.obs(), i * obsDim, x, i * inDim, obsDim);
            System.arraycopy(data.action(), i * actionDim, x, i * inDim + obsDim, actionDim);
        }
        return x;
    }

    private float[] targets(Transitions data) {
        int n = data.size();
        float[] y = new float[n * targetDim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < obsDim; d++) {
                y[i * targetDim + d] = data.nextObs()[i * obsDim + d] - data.obs()[i * obsDim + d];
            }
            if (config.learnReward()) {
                y[i * targetDim + obsDim] = data.reward()[i];
            }
        }
        return y;
    }

    private void requireTrained() {
        if (elites == null) {
            throw new IllegalStateException("the ensemble has not been trained yet; call fit first");
        }
    }

    private <T> T call(java.util.concurrent.Callable<T> task) {
        if (closed) {
            throw new IllegalStateException("this trainer is closed");
        }
        return DjlEngine.call(task);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static int[] shuffled(int n, RandomStream random) {
        int[] order = IntStream.range(0, n).toArray();
        Shuffle.firstN(order, order.length, random);
        return order;
    }
}
