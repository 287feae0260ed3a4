package dev.foresight.planning;

import dev.foresight.env.RewardFunction;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.Prediction;
import dev.foresight.model.Propagation;
import dev.foresight.util.NoiseTable;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * The rollout loop of ModelRollouts as it was before the model environment (kept verbatim as the
 * oracle of ModelEnvironmentTest). The planning objective: rolls every candidate action sequence forward through a learned
 * {@link DynamicsModel} from the current observation — all candidates and particles in one batched
 * model call per horizon step — and scores it by the summed reward of the task.
 *
 * <p>Particles: with {@link Propagation#TS1} and {@link Propagation#TS_INF}, each of the P
 * candidates has K particles, stored particle-major (row {@code r = k·P + c}) so that the state array
 * <em>is</em> the model's {@code [E × n × obsDim]} input, n = ⌈K·P / E⌉: for TS∞ row r stays with
 * member {@code r / n} for the whole horizon, which spreads every candidate's particles evenly over
 * the members; for TS1 the rows are dealt to members by a fresh random permutation at every step.
 * Next observations are sampled from each member's Gaussian. With {@link Propagation#EXPECTATION},
 * every member predicts every candidate and the next observation is the mean of their means.
 *
 * <p>Scores: the return of each particle (rewards stop after a predicted termination) is averaged
 * over particles; with a risk aversion k &gt; 0 the score is {@code mean − k·std} over particles;
 * with several reward functions (a reward ensemble) the score is the worst of their scores.
 * Non-finite predictions give the candidate a score of −∞, so it is never chosen.
 *
 * <p>All buffers are allocated once for the largest population; evaluating allocates nothing.
 * Not thread-safe. The model can be swapped between calls ({@link #setModel}).
 */
final class LegacyModelRollouts implements SequenceObjective {
    private final SearchSpace space;
    private final ModelRollouts.Settings settings;
    private final List<RewardFunction> rewards;
    private final TerminationFunction termination;
    private final RandomStream random;
    private final int obsDim;
    private final int actionDim;
    private final int maxPopulation;
    private DynamicsModel model;
    private int members;

    private final float[] start;
    private float[] state;
    private float[] nextState;
    private float[] stepAction;
    private float[] stepReward;
    private boolean[] stepTerminated;
    private boolean[] done;
    private float[][] returns;
    private int[] slots;
    private float[] modelObs;
    private float[] modelAction;
    private Prediction prediction;
    private float[] std;
    private float[] sampled;

    /**
     * @param space the action bounds and horizon (not null)
     * @param settings propagation settings (not null)
     * @param model the model to plan with (not null; not closed by this object)
     * @param rewards the reward functions; several form a reward ensemble scored by the worst (not empty)
     * @param termination the task's termination test (not null)
     * @param maxPopulation the largest population that will be evaluated (&ge;1)
     * @param random the stream for TS1 assignments and sampled next states (not null)
     */
    LegacyModelRollouts(SearchSpace space, ModelRollouts.Settings settings, DynamicsModel model, List<RewardFunction> rewards,
                         TerminationFunction termination, int maxPopulation, RandomStream random) {
        if (rewards.isEmpty()) {
            throw new IllegalArgumentException("need at least one reward function");
        }
        if (model.actionDim() != space.actionDim()) {
            throw new IllegalArgumentException("the model takes actions of size " + model.actionDim()
                    + " but the search space has " + space.actionDim());
        }
        this.space = space;
        this.settings = settings;
        this.rewards = List.copyOf(rewards);
        this.termination = termination;
        this.random = random;
        this.obsDim = model.obsDim();
        this.actionDim = model.actionDim();
        this.maxPopulation = maxPopulation;
        this.start = new float[obsDim];
        setModel(model);
    }

    /**
     * Swaps the model (e.g. after retraining); buffers are re-sized if the ensemble size changed.
     *
     * @param newModel a model with the same observation and action sizes (not null)
     */
    public void setModel(DynamicsModel newModel) {
        if (newModel.obsDim() != obsDim || newModel.actionDim() != actionDim) {
            throw new IllegalArgumentException("the new model has obs/action sizes " + newModel.obsDim() + "/"
                    + newModel.actionDim() + ", expected " + obsDim + "/" + actionDim);
        }
        model = newModel;
        if (newModel.ensembleSize() != members || prediction == null) {
            members = newModel.ensembleSize();
            allocate();
        }
    }

    /** @return the model planned with */
    public DynamicsModel model() {
        return model;
    }

    /** @return the settings */
    public ModelRollouts.Settings settings() {
        return settings;
    }

    /**
     * Sets the observation every rollout starts from.
     *
     * @param obs {@code [obsDim]} (unaffected)
     */
    public void setStart(float[] obs) {
        System.arraycopy(obs, 0, start, 0, obsDim);
    }

    /** Nothing to release: the model is the caller's. */
    public void close() {
    }

    private int rows(int population) {
        return population * settings.particles();
    }

    /** Rows each member evaluates per step for a population. */
    private int perMember(int population) {
        return settings.propagation() == Propagation.EXPECTATION ? population : (rows(population) + members - 1) / members;
    }

    private void allocate() {
        int n = perMember(maxPopulation);
        int capacity = settings.propagation() == Propagation.EXPECTATION ? rows(maxPopulation) : members * n;
        state = new float[capacity * obsDim];
        nextState = new float[capacity * obsDim];
        stepAction = new float[capacity * actionDim];
        stepReward = new float[capacity];
        stepTerminated = new boolean[capacity];
        done = new boolean[capacity];
        returns = new float[rewards.size()][capacity];
        slots = new int[members * n];
        modelObs = new float[members * n * obsDim];
        modelAction = new float[members * n * actionDim];
        std = new float[members * n * obsDim];
        sampled = new float[members * n * obsDim];
        prediction = new Prediction(members, n, obsDim);
    }

    @Override
    public void evaluate(float[] sequences, int population, float[] scores) {
        if (population > maxPopulation) {
            throw new IllegalArgumentException("population " + population + " exceeds the " + maxPopulation + " allocated for");
        }
        int rows = rows(population);
        int n = perMember(population);
        int padded = settings.propagation() == Propagation.EXPECTATION ? rows : members * n;
        for (int r = 0; r < padded; r++) {
            System.arraycopy(start, 0, state, r * obsDim, obsDim);
            done[r] = false;
        }
        for (float[] perFunction : returns) {
            java.util.Arrays.fill(perFunction, 0, rows, 0f);
        }
        int horizon = space.horizon();
        for (int t = 0; t < horizon; t++) {
            for (int c = 0; c < population; c++) {
                System.arraycopy(sequences, (c * horizon + t) * actionDim, stepAction, c * actionDim, actionDim);
            }
            for (int k = 1; k < padded / population + (padded % population == 0 ? 0 : 1); k++) {
                int length = Math.min(population, padded - k * population) * actionDim;
                System.arraycopy(stepAction, 0, stepAction, k * population * actionDim, length);
            }
            switch (settings.propagation()) {
                case EXPECTATION -> stepExpectation(rows);
                case TS_INF -> stepFixedMembers(n);
                case TS1 -> stepReassigned(rows, n);
            }
            termination.terminated(state, stepAction, nextState, rows, stepTerminated);
            for (int f = 0; f < rewards.size(); f++) {
                rewards.get(f).reward(state, stepAction, nextState, rows, stepReward);
                float[] total = returns[f];
                for (int r = 0; r < rows; r++) {
                    if (!done[r]) {
                        total[r] += Float.isFinite(stepReward[r]) ? stepReward[r] : Float.NEGATIVE_INFINITY;
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                if (done[r]) {
                    System.arraycopy(state, r * obsDim, nextState, r * obsDim, obsDim); // frozen after termination
                } else {
                    done[r] = stepTerminated[r];
                }
            }
            float[] swap = state;
            state = nextState;
            nextState = swap;
        }
        score(population, scores);
    }

    private void stepExpectation(int rows) {
        int n = rows;
        for (int m = 0; m < members; m++) {
            System.arraycopy(state, 0, modelObs, m * n * obsDim, n * obsDim);
            System.arraycopy(stepAction, 0, modelAction, m * n * actionDim, n * actionDim);
        }
        model.predict(modelObs, modelAction, n, prediction);
        float[] mean = prediction.nextObsMean();
        float scale = 1f / members;
        for (int i = 0; i < n * obsDim; i++) {
            float sum = 0;
            for (int m = 0; m < members; m++) {
                sum += mean[m * n * obsDim + i];
            }
            nextState[i] = sum * scale;
        }
    }

    /** TS∞: the particle-major state array is the model input as it is. */
    private void stepFixedMembers(int n) {
        int count = members * n * obsDim;
        model.predict(state, stepAction, n, prediction);
        sample(prediction, count);
        System.arraycopy(sampled, 0, nextState, 0, count);
    }

    /** TS1: rows dealt to members by a random permutation, gathered, predicted and scattered back. */
    private void stepReassigned(int rows, int n) {
        int capacity = members * n;
        for (int s = 0; s < capacity; s++) {
            slots[s] = s < rows ? s : s % rows; // padding slots repeat real rows; their output is ignored
        }
        for (int s = rows - 1; s > 0; s--) {
            int j = random.nextInt(s + 1);
            int tmp = slots[s];
            slots[s] = slots[j];
            slots[j] = tmp;
        }
        for (int s = 0; s < capacity; s++) {
            System.arraycopy(state, slots[s] * obsDim, modelObs, s * obsDim, obsDim);
            System.arraycopy(stepAction, slots[s] * actionDim, modelAction, s * actionDim, actionDim);
        }
        model.predict(modelObs, modelAction, n, prediction);
        sample(prediction, capacity * obsDim);
        for (int s = 0; s < rows; s++) {
            System.arraycopy(sampled, s * obsDim, nextState, slots[s] * obsDim, obsDim);
        }
    }

    /**
     * Writes {@code mean + std·z} into {@link #sampled}, with the model's std if it computed it (an
     * exported model does, in ONNX Runtime), else {@code exp(logVar / 2)} computed here.
     */
    private void sample(Prediction predicted, int count) {
        float[] scale = std;
        if (predicted.hasStd()) {
            scale = predicted.nextObsStd();
        } else {
            float[] logVar = predicted.nextObsLogVar();
            for (int i = 0; i < count; i++) {
                std[i] = (float) Math.exp(0.5f * logVar[i]);
            }
        }
        System.arraycopy(predicted.nextObsMean(), 0, sampled, 0, count);
        NoiseTable.addScaled(sampled, scale, count, random);
    }

    private void score(int population, float[] scores) {
        int particles = settings.particles();
        float k = settings.riskAversion();
        for (int c = 0; c < population; c++) {
            float worst = Float.POSITIVE_INFINITY;
            for (float[] total : returns) {
                double sum = 0;
                for (int p = 0; p < particles; p++) {
                    sum += total[p * population + c];
                }
                double mean = sum / particles;
                double value = mean;
                if (k > 0 && particles > 1) {
                    double squares = 0;
                    for (int p = 0; p < particles; p++) {
                        double d = total[p * population + c] - mean;
                        squares += d * d;
                    }
                    value = mean - k * Math.sqrt(squares / particles);
                }
                worst = (float) Math.min(worst, Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value);
            }
            scores[c] = worst;
        }
    }
}

