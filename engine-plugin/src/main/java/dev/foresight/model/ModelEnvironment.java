package dev.foresight.model;

import dev.foresight.env.RewardFunction;
import dev.foresight.env.TerminationFunction;
import dev.foresight.util.NoiseTable;
import dev.foresight.util.RandomStream;
import dev.foresight.util.Shuffle;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A learned model as a batched, vectorised environment (mbrl-lib's {@code ModelEnv}): {@link #reset}
 * puts N rows at start states, {@link #step()} moves every row one step through the model — one
 * model call per step for all rows — and scores the transitions with the task's batched
 * {@link RewardFunction}s (or the model's learned reward) and {@link TerminationFunction}. This is
 * the one rollout loop of the library: planners score candidates with it, the drawn imagined
 * futures, latency compensation and {@link ModelEvaluation} roll through it.
 *
 * <p><b>Ensembles</b> ({@link DynamicsModel}; PETS, Chua et al. 2018, section 5):
 * <ul>
 *   <li>{@link Propagation#TS_INF} — row r follows member {@code ⌊r / n⌋} for the whole rollout,
 *       n = ⌈N / E⌉, so that the state array <em>is</em> the model's {@code [E × n × obsDim]} input
 *       (rows beyond N pad the last member and are ignored);</li>
 *   <li>{@link Propagation#TS1} — rows are dealt to members by a fresh random permutation at every
 *       step, gathered, predicted and scattered back;</li>
 *   <li>{@link Propagation#EXPECTATION} — every member predicts every row; the next state is the
 *       mean of their means.</li>
 * </ul>
 * With {@link Settings#sampleNextState()} the next state of TS1/TS∞ rows is drawn from the member's
 * Gaussian (mean + std·z, z from {@link NoiseTable} with this environment's stream), else it is the
 * member's mean. A learned reward is the predicting member's mean (the mean over members for the
 * expectation). <b>Other models</b> ({@link SamplingModel}: table, latent) draw next states themselves.
 *
 * <p><b>Termination:</b> a row that terminates keeps its terminal state from then on (frozen) and
 * is no longer {@link #active() active}; its later rewards are still computed but must be ignored
 * (the mask says which to count). Nothing is truncated here: the caller decides the horizon.
 *
 * <p>Buffers are allocated for {@code maxRows} once (and again only if a swapped-in ensemble has
 * another size); stepping allocates nothing. Arrays returned by accessors are this object's and
 * change at the next step — {@link #observations()} and {@link #previousObservations()} swap.
 *
 * <p>Threading: not thread-safe; one per thread. The model is the caller's (never closed here) and
 * can be swapped between rollouts with {@link #setModel}.
 */
public final class ModelEnvironment {
    /**
     * How rows move through the model.
     *
     * @param propagation how rows are assigned to ensemble members (ignored by sampling models)
     * @param sampleNextState draw TS1/TS∞ next states from the member's Gaussian (else its mean)
     * @param learnedReward score with the model's predicted reward instead of reward functions
     */
    public record Settings(Propagation propagation, boolean sampleNextState, boolean learnedReward) {
        public Settings {
            Objects.requireNonNull(propagation, "propagation");
        }

        /** @return PETS's trajectory sampling: members per row as {@code propagation} says, next states sampled */
        public static Settings sampled(Propagation propagation) {
            return new Settings(propagation, true, false);
        }

        /** @return each row follows one member's mean (TS∞ without noise): the ensemble's members side by side */
        public static Settings memberMeans() {
            return new Settings(Propagation.TS_INF, false, false);
        }

        /** @return every row moves to the mean over members of their means */
        public static Settings expectation() {
            return new Settings(Propagation.EXPECTATION, false, false);
        }

        /** @return these settings scoring with the model's learned reward */
        public Settings withLearnedReward() {
            return new Settings(propagation, sampleNextState, true);
        }
    }

    private final Settings settings;
    private final List<RewardFunction> rewardFunctions;
    private final TerminationFunction termination;
    private final RandomStream random;
    private final int stateDim;
    private final int actionDim;
    private final int maxRows;
    private TransitionModel model;
    private DynamicsModel ensemble;
    private SamplingModel sampler;
    private int members;

    private int rows;
    private int perMember;
    private int padded;
    private float[] state;
    private float[] nextState;
    private float[] actions;
    private float[][] rewards;
    private boolean[] terminated;
    private boolean[] done;
    private boolean[] active;
    private int[] slots;
    private float[] modelObs;
    private float[] modelAction;
    private float[] std;
    private float[] sampled;
    private Prediction prediction;
    /** Where a sampling model writes rewards nobody asked for. */
    private float[] unusedRewards;

    /**
     * @param model the model (not null; the caller's)
     * @param settings how rows move (not null)
     * @param rewardFunctions the task's reward functions, each giving {@link #rewards(int)}; empty
     *                        with {@link Settings#learnedReward()} or when no reward is wanted (not null)
     * @param termination the termination test on imagined transitions, e.g.
     *                    {@link TerminationFunction#NEVER} (not null)
     * @param maxRows the most rows a rollout will have (&ge;1)
     * @param random the stream of member assignments and sampled next states (not null; advanced)
     * @throws IllegalArgumentException if a learned reward is asked of a model that does not predict
     *         one, or together with reward functions
     */
    public ModelEnvironment(TransitionModel model, Settings settings, List<RewardFunction> rewardFunctions,
                            TerminationFunction termination, int maxRows, RandomStream random) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(random, "random");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
        }
        if (settings.learnedReward() && !rewardFunctions.isEmpty()) {
            throw new IllegalArgumentException("score with the learned reward or with reward functions, not both");
        }
        this.settings = settings;
        this.rewardFunctions = List.copyOf(rewardFunctions);
        this.termination = termination;
        this.random = random;
        this.stateDim = model.stateDim();
        this.actionDim = model.actionDim();
        this.maxRows = maxRows;
        this.rewards = new float[settings.learnedReward() ? 1 : this.rewardFunctions.size()][];
        setModel(model);
    }

    /**
     * Swaps the model (e.g. after retraining) between rollouts; buffers are re-sized if the ensemble
     * size changed.
     *
     * @param newModel a model with the same state and action sizes (not null; the caller's)
     */
    public void setModel(TransitionModel newModel) {
        if (newModel.stateDim() != stateDim || newModel.actionDim() != actionDim) {
            throw new IllegalArgumentException("the new model has state/action sizes " + newModel.stateDim() + "/"
                    + newModel.actionDim() + ", expected " + stateDim + "/" + actionDim);
        }
        if (settings.learnedReward() && !newModel.predictsReward()) {
            throw new IllegalArgumentException("scoring with the learned reward needs a model that predicts rewards;"
                    + " this " + newModel.kind() + " model does not (train it with a reward head)");
        }
        DynamicsModel newEnsemble = newModel instanceof DynamicsModel d ? d : null;
        SamplingModel newSampler = newModel instanceof SamplingModel s ? s : null;
        if (newEnsemble == null && newSampler == null) {
            throw new IllegalArgumentException(newModel.getClass().getSimpleName()
                    + " is neither a DynamicsModel nor a SamplingModel; a model environment cannot step it");
        }
        int newMembers = newEnsemble != null ? newEnsemble.ensembleSize() : 1;
        model = newModel;
        ensemble = newEnsemble;
        sampler = newSampler;
        if (newMembers != members || state == null) {
            members = newMembers;
            allocate();
        }
    }

    /** @return the model stepped */
    public TransitionModel model() {
        return model;
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /** @return floats per state */
    public int stateDim() {
        return stateDim;
    }

    /** @return floats per action */
    public int actionDim() {
        return actionDim;
    }

    /** @return the most rows a rollout may have */
    public int maxRows() {
        return maxRows;
    }

    /** @return the rows of the current rollout */
    public int rows() {
        return rows;
    }

    private boolean expectation() {
        return ensemble != null && settings.propagation() == Propagation.EXPECTATION;
    }

    /** Rows each member evaluates per step for {@code n} rows. */
    private int perMember(int n) {
        return ensemble == null || expectation() ? n : (n + members - 1) / members;
    }

    private void allocate() {
        int n = perMember(maxRows);
        int capacity = ensemble == null || expectation() ? maxRows : members * n;
        state = new float[capacity * stateDim];
        nextState = new float[capacity * stateDim];
        actions = new float[capacity * actionDim];
        for (int f = 0; f < rewards.length; f++) {
            rewards[f] = new float[capacity];
        }
        terminated = new boolean[capacity];
        done = new boolean[capacity];
        active = new boolean[capacity];
        unusedRewards = new float[capacity];
        if (ensemble != null) {
            slots = new int[members * n];
            modelObs = new float[members * n * stateDim];
            modelAction = new float[members * n * actionDim];
            std = new float[members * n * stateDim];
            sampled = new float[members * n * stateDim];
            prediction = new Prediction(members, n, stateDim);
        }
    }

    /**
     * Starts a rollout of {@code n} rows, every row at the same state (a planner's case).
     *
     * @param start {@code [stateDim]} (unaffected)
     * @param n rows (1 … maxRows)
     */
    public void resetAll(float[] start, int n) {
        begin(n);
        for (int r = 0; r < padded; r++) {
            System.arraycopy(start, 0, state, r * stateDim, stateDim);
        }
    }

    /**
     * Starts a rollout of {@code n} rows at the given states.
     *
     * @param starts {@code [n × stateDim]} (unaffected)
     * @param n rows (1 … maxRows)
     */
    public void reset(float[] starts, int n) {
        begin(n);
        System.arraycopy(starts, 0, state, 0, n * stateDim);
        for (int r = n; r < padded; r++) {
            System.arraycopy(starts, (r % n) * stateDim, state, r * stateDim, stateDim);
        }
    }

    private void begin(int n) {
        if (n < 1 || n > maxRows) {
            throw new IllegalArgumentException("rows must be in [1, " + maxRows + "], got " + n);
        }
        rows = n;
        perMember = perMember(n);
        padded = ensemble == null || expectation() ? n : members * perMember;
        Arrays.fill(done, 0, padded, false);
        Arrays.fill(active, 0, padded, true);
    }

    /**
     * Where the next step's actions go, {@code [rows × actionDim]} row-major: write them here, then
     * call {@link #step()} (no copy). Rows beyond {@link #rows()} are managed by this object.
     *
     * @return this object's action buffer
     */
    public float[] actions() {
        return actions;
    }

    /**
     * Steps every row with the given actions.
     *
     * @param stepActions {@code [rows × actionDim]} (unaffected)
     */
    public void step(float[] stepActions) {
        System.arraycopy(stepActions, 0, actions, 0, rows * actionDim);
        step();
    }

    /** Steps every row with the actions written into {@link #actions()}. */
    public void step() {
        if (rows == 0) {
            throw new IllegalStateException("call reset before step");
        }
        for (int r = rows; r < padded; r++) {
            System.arraycopy(actions, (r % rows) * actionDim, actions, r * actionDim, actionDim);
        }
        if (sampler != null) {
            sampler.sample(state, actions, rows, random, nextState, settings.learnedReward() ? rewards[0] : unusedRewards);
        } else {
            switch (settings.propagation()) {
                case EXPECTATION -> stepExpectation();
                case TS_INF -> stepFixedMembers();
                case TS1 -> stepReassigned();
            }
        }
        termination.terminated(state, actions, nextState, rows, terminated);
        if (!settings.learnedReward()) {
            for (int f = 0; f < rewards.length; f++) {
                rewardFunctions.get(f).reward(state, actions, nextState, rows, rewards[f]);
            }
        }
        for (int r = 0; r < rows; r++) {
            active[r] = !done[r];
            if (done[r]) {
                System.arraycopy(state, r * stateDim, nextState, r * stateDim, stateDim); // frozen after termination
            } else {
                done[r] = terminated[r];
            }
        }
        float[] swap = state;
        state = nextState;
        nextState = swap;
    }

    private void stepExpectation() {
        int n = rows;
        for (int m = 0; m < members; m++) {
            System.arraycopy(state, 0, modelObs, m * n * stateDim, n * stateDim);
            System.arraycopy(actions, 0, modelAction, m * n * actionDim, n * actionDim);
        }
        ensemble.predict(modelObs, modelAction, n, prediction);
        float[] mean = prediction.nextObsMean();
        float scale = 1f / members;
        for (int i = 0; i < n * stateDim; i++) {
            float sum = 0;
            for (int m = 0; m < members; m++) {
                sum += mean[m * n * stateDim + i];
            }
            nextState[i] = sum * scale;
        }
        if (settings.learnedReward()) {
            float[] reward = prediction.rewardMean();
            float[] out = rewards[0];
            for (int i = 0; i < n; i++) {
                float sum = 0;
                for (int m = 0; m < members; m++) {
                    sum += reward[m * n + i];
                }
                out[i] = sum * scale;
            }
        }
    }

    /** TS∞: the padded state array is the model input as it is. */
    private void stepFixedMembers() {
        int count = members * perMember * stateDim;
        ensemble.predict(state, actions, perMember, prediction);
        if (settings.sampleNextState()) {
            sample(prediction, count);
            System.arraycopy(sampled, 0, nextState, 0, count);
        } else {
            System.arraycopy(prediction.nextObsMean(), 0, nextState, 0, count);
        }
        if (settings.learnedReward()) {
            System.arraycopy(prediction.rewardMean(), 0, rewards[0], 0, rows);
        }
    }

    /** TS1: rows dealt to members by a random permutation, gathered, predicted and scattered back. */
    private void stepReassigned() {
        int capacity = members * perMember;
        for (int s = 0; s < capacity; s++) {
            slots[s] = s < rows ? s : s % rows; // padding slots repeat real rows; their output is ignored
        }
        Shuffle.firstN(slots, rows, random);
        for (int s = 0; s < capacity; s++) {
            System.arraycopy(state, slots[s] * stateDim, modelObs, s * stateDim, stateDim);
            System.arraycopy(actions, slots[s] * actionDim, modelAction, s * actionDim, actionDim);
        }
        ensemble.predict(modelObs, modelAction, perMember, prediction);
        float[] next;
        if (settings.sampleNextState()) {
            sample(prediction, capacity * stateDim);
            next = sampled;
        } else {
            next = prediction.nextObsMean();
        }
        for (int s = 0; s < rows; s++) {
            System.arraycopy(next, s * stateDim, nextState, slots[s] * stateDim, stateDim);
        }
        if (settings.learnedReward()) {
            float[] reward = prediction.rewardMean();
            for (int s = 0; s < rows; s++) {
                rewards[0][slots[s]] = reward[s];
            }
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

    /** @return the states after the last step (or the starts), {@code [rows × stateDim]}; this object's array */
    public float[] observations() {
        return state;
    }

    /** @return the states before the last step, {@code [rows × stateDim]}; this object's array */
    public float[] previousObservations() {
        return nextState;
    }

    /** @return the first reward source's rewards of the last step, {@code [rows]}: count only {@link #active()} rows */
    public float[] rewards() {
        return rewards(0);
    }

    /**
     * @param f the reward function's index in the list given (0 for the learned reward)
     * @return its rewards of the last step, {@code [rows]}; count only {@link #active()} rows
     */
    public float[] rewards(int f) {
        return rewards[f];
    }

    /** @return reward sources: the reward functions given, or 1 for a learned reward */
    public int rewardCount() {
        return rewards.length;
    }

    /** @return per row, whether the last step terminated it (meaningful for {@link #active()} rows), {@code [rows]} */
    public boolean[] terminated() {
        return terminated;
    }

    /** @return per row, whether it was still in play during the last step (its reward counts), {@code [rows]} */
    public boolean[] active() {
        return active;
    }

    /** @return whether row {@code r} has terminated (it stays at its terminal state) */
    public boolean done(int r) {
        return done[r];
    }
}
