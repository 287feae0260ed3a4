package dev.foresight.planning;

import dev.foresight.checkpoint.RandomStreamOwner;
import dev.foresight.env.RewardFunction;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.ModelEnvironment;
import dev.foresight.model.Propagation;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * The planning objective: rolls every candidate action sequence forward through a learned
 * {@link DynamicsModel} from the current observation — all candidates and particles as the rows of
 * one {@link ModelEnvironment}, one batched model call per horizon step — and scores it by the
 * summed reward of the task.
 *
 * <p>Particles: with {@link Propagation#TS1} and {@link Propagation#TS_INF}, each of the P
 * candidates has K particles, stored particle-major (row {@code r = k·P + c}): with TS∞ row r stays
 * with member {@code r / ⌈K·P / E⌉} for the whole horizon, which spreads every candidate's
 * particles evenly over the members; with TS1 rows are dealt to members afresh at every step
 * (see {@link ModelEnvironment}). Next observations are sampled from each member's Gaussian. With
 * {@link Propagation#EXPECTATION}, one row per candidate moves to the mean of the members' means.
 *
 * <p>Scores: the return of each particle (rewards stop after a predicted termination, where the
 * {@link TerminalValue}, if any, is added) is averaged over particles; with a risk aversion
 * k &gt; 0 the score is {@code mean − k·std} over particles; with several reward functions (a
 * reward ensemble) the score is the worst of their scores. Non-finite predictions give the
 * candidate a score of −∞, so it is never chosen.
 *
 * <p>All buffers are allocated once for the largest population; evaluating allocates nothing.
 * Not thread-safe. The model can be swapped between calls ({@link #setModel}).
 */
public final class ModelRollouts implements RolloutObjective, RandomStreamOwner {
    /**
     * @param propagation how particles move through the ensemble
     * @param particles particles per candidate (1 for expectation)
     * @param riskAversion k in {@code mean − k·std} (0 = risk-neutral)
     */
    public record Settings(Propagation propagation, int particles, float riskAversion) {
        public Settings {
            if (particles < 1 || riskAversion < 0) {
                throw new IllegalArgumentException("need particles >= 1 and riskAversion >= 0");
            }
            if (propagation == Propagation.EXPECTATION) {
                particles = 1;
            }
        }
    }

    private final SearchSpace space;
    private final Settings settings;
    private final ModelEnvironment rollouts;
    private final TerminalValue terminalValue;
    private final TerminalValue horizonValue;
    private final int obsDim;
    private final int actionDim;
    private final int maxPopulation;
    private DynamicsModel model;
    private final RandomStream random;

    private final float[] start;
    private final float[][] returns;
    private final float[] terminalValues;

    /**
     * @param space the action bounds and horizon (not null)
     * @param settings propagation settings (not null)
     * @param model the model to plan with (not null; not closed by this object)
     * @param rewards the reward functions; several form a reward ensemble scored by the worst (not empty)
     * @param termination the task's termination test (not null)
     * @param terminalValue the value of a predicted terminal state, added to the return where a
     *                      rollout terminates (null: none)
     * @param maxPopulation the largest population that will be evaluated (&ge;1)
     * @param random the stream for TS1 assignments and sampled next states (not null)
     */
    public ModelRollouts(SearchSpace space, Settings settings, DynamicsModel model, List<RewardFunction> rewards,
                         TerminationFunction termination, TerminalValue terminalValue, int maxPopulation,
                         RandomStream random) {
        this(space, settings, model, rewards, termination, terminalValue, null, maxPopulation, random);
    }

    /**
     * As {@link #ModelRollouts(SearchSpace, Settings, DynamicsModel, List, TerminationFunction,
     * TerminalValue, int, RandomStream)}, with a value of the state a rollout reaches at the
     * horizon, added to the return of every rollout still running there (a learned critic's
     * estimate of what comes after: TD-MPC's terminal value, Hansen et al. 2022, eq. 4).
     *
     * @param horizonValue the value at the horizon (null: none; must be thread-safe when sharded)
     */
    public ModelRollouts(SearchSpace space, Settings settings, DynamicsModel model, List<RewardFunction> rewards,
                         TerminationFunction termination, TerminalValue terminalValue, TerminalValue horizonValue,
                         int maxPopulation, RandomStream random) {
        if (rewards.isEmpty()) {
            throw new IllegalArgumentException("need at least one reward function");
        }
        if (model.actionDim() != space.actionDim()) {
            throw new IllegalArgumentException("the model takes actions of size " + model.actionDim()
                    + " but the search space has " + space.actionDim());
        }
        this.space = space;
        this.settings = settings;
        this.terminalValue = terminalValue;
        this.obsDim = model.obsDim();
        this.actionDim = model.actionDim();
        this.maxPopulation = maxPopulation;
        this.model = model;
        this.random = random;
        int maxRows = maxPopulation * settings.particles();
        this.rollouts = new ModelEnvironment(model, ModelEnvironment.Settings.sampled(settings.propagation()), rewards,
                termination, maxRows, random);
        this.start = new float[obsDim];
        this.returns = new float[rewards.size()][maxRows];
        this.horizonValue = horizonValue;
        this.terminalValues = terminalValue == null && horizonValue == null ? null : new float[maxRows];
    }

    /**
     * Swaps the model (e.g. after retraining); buffers are re-sized if the ensemble size changed.
     *
     * @param newModel a model with the same observation and action sizes (not null)
     */
    @Override
    public void setModel(DynamicsModel newModel) {
        if (newModel.obsDim() != obsDim || newModel.actionDim() != actionDim) {
            throw new IllegalArgumentException("the new model has obs/action sizes " + newModel.obsDim() + "/"
                    + newModel.actionDim() + ", expected " + obsDim + "/" + actionDim);
        }
        rollouts.setModel(newModel);
        model = newModel;
    }

    /** @return the model planned with */
    @Override
    public DynamicsModel model() {
        return model;
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /**
     * Sets the observation every rollout starts from.
     *
     * @param obs {@code [obsDim]} (unaffected)
     */
    @Override
    public void setStart(float[] obs) {
        System.arraycopy(obs, 0, start, 0, obsDim);
    }

    @Override
    public float[] start() {
        return start.clone();
    }

    /** Nothing to release: the model is the caller's. */
    @Override
    public void close() {
    }

    @Override
    public void evaluate(float[] sequences, int population, float[] scores) {
        if (population > maxPopulation) {
            throw new IllegalArgumentException("population " + population + " exceeds the " + maxPopulation + " allocated for");
        }
        int rows = population * settings.particles();
        rollouts.resetAll(start, rows);
        for (float[] perFunction : returns) {
            java.util.Arrays.fill(perFunction, 0, rows, 0f);
        }
        int horizon = space.horizon();
        for (int t = 0; t < horizon; t++) {
            float[] stepAction = rollouts.actions();
            for (int c = 0; c < population; c++) {
                System.arraycopy(sequences, (c * horizon + t) * actionDim, stepAction, c * actionDim, actionDim);
            }
            for (int k = 1; k < settings.particles(); k++) {
                System.arraycopy(stepAction, 0, stepAction, k * population * actionDim, population * actionDim);
            }
            rollouts.step();
            boolean[] active = rollouts.active();
            for (int f = 0; f < returns.length; f++) {
                float[] stepReward = rollouts.rewards(f);
                float[] total = returns[f];
                for (int r = 0; r < rows; r++) {
                    if (active[r]) {
                        total[r] += Float.isFinite(stepReward[r]) ? stepReward[r] : Float.NEGATIVE_INFINITY;
                    }
                }
            }
            if (terminalValue != null) {
                addTerminalValues(rows, active);
            }
        }
        if (horizonValue != null) {
            addHorizonValues(rows);
        }
        score(population, scores);
    }

    /** Adds the horizon value to the returns of the rows still running. */
    private void addHorizonValues(int rows) {
        horizonValue.values(rollouts.observations(), rows, terminalValues);
        for (float[] total : returns) {
            for (int r = 0; r < rows; r++) {
                if (!rollouts.done(r)) {
                    total[r] += Float.isFinite(terminalValues[r]) ? terminalValues[r] : Float.NEGATIVE_INFINITY;
                }
            }
        }
    }

    /** Adds the terminal value to the returns of the rows that terminated in the last step. */
    private void addTerminalValues(int rows, boolean[] active) {
        boolean[] terminated = rollouts.terminated();
        boolean any = false;
        for (int r = 0; r < rows && !any; r++) {
            any = active[r] && terminated[r];
        }
        if (!any) {
            return;
        }
        terminalValue.values(rollouts.observations(), rows, terminalValues);
        for (float[] total : returns) {
            for (int r = 0; r < rows; r++) {
                if (active[r] && terminated[r]) {
                    total[r] += Float.isFinite(terminalValues[r]) ? terminalValues[r] : Float.NEGATIVE_INFINITY;
                }
            }
        }
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

    @Override
    public RandomStream randomStream() {
        return random;
    }
}
