package dev.foresight.planning;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.ModelEnvironment;
import dev.foresight.util.RandomStream;
import java.util.Arrays;
import java.util.List;

/**
 * Receding-horizon control with a learned model (PETS's MPC loop), with the life cycle of
 * MuJoCo MPC's planners: {@link #reset()}, {@link #setState(float[])}, {@link #optimize(long)}
 * (anytime: a usable plan exists after its first iteration), {@link #action(float[])},
 * {@link #advance(int)} (warm start: the plan shifted by the steps executed, the freed tail set to
 * the middle of the bounds) and {@link #bestTrajectory()} for drawing. Drawn futures and
 * {@link #predictNext} roll through a {@link ModelEnvironment} like the optimiser's candidates do.
 *
 * <p>Threading: not thread-safe; one planner per planning thread (a sharded objective uses worker
 * threads of its own inside each optimisation). The model may be swapped between calls with
 * {@link #setModel}. {@link #close()} releases the objective's workers and model copies, never the
 * caller's model.
 */
public final class MpcPlanner implements AutoCloseable, Checkpointable {
    private final SearchSpace space;
    private final Optimizer optimizer;
    private final RolloutObjective rollouts;
    private final float[] plan;
    private final float[] warmStart;
    private final float[] state;
    private boolean hasState;
    private Optimizer.Result lastResult;
    private final SampledObjective sampled;
    private final TerminationFunction termination;
    private PolicyPrior prior;
    private float[] priorPlans;
    /** Drawn futures: each member follows its own mean; made on first use, re-made for more rows. */
    private ModelEnvironment futures;
    /** The expected next state (latency compensation): one row, the mean over members. */
    private ModelEnvironment expected;

    /**
     * @param space bounds and horizon (not null)
     * @param optimizer the sequence optimiser, built for the same space (not null)
     * @param rollouts the objective, built for the same space and at least the optimiser's population (not null)
     * @param termination the task's termination test: drawn futures end where it says (not null)
     */
    public MpcPlanner(SearchSpace space, Optimizer optimizer, RolloutObjective rollouts, TerminationFunction termination) {
        this.space = space;
        this.optimizer = optimizer;
        this.rollouts = rollouts;
        this.termination = termination;
        this.plan = space.centre();
        this.warmStart = space.centre();
        this.state = new float[rollouts.model().obsDim()];
        this.sampled = new SampledObjective(rollouts, space.horizon() * space.actionDim());
    }

    /** Forgets the previous plan (call at the start of an episode). */
    public void reset() {
        System.arraycopy(space.centre(), 0, warmStart, 0, warmStart.length);
        System.arraycopy(warmStart, 0, plan, 0, plan.length);
        hasState = false;
        lastResult = null;
    }

    /** @param model the model to plan with from now on (not null; same sizes) */
    public void setModel(DynamicsModel model) {
        rollouts.setModel(model);
        if (prior != null) {
            prior.setModel(model);
        }
    }

    /** @return the objective the optimiser scores candidates with (for tests and tools) */
    public RolloutObjective objective() {
        return rollouts;
    }

    /**
     * Seeds every optimisation with a policy's plans from the current state ({@link PolicyPrior}).
     *
     * @param policyPrior the prior (null: none)
     */
    public void setPrior(PolicyPrior policyPrior) {
        this.prior = policyPrior;
        this.priorPlans = policyPrior == null ? null : new float[policyPrior.count() * space.length()];
        if (policyPrior == null) {
            optimizer.setSeeds(new float[0], 0);
        }
    }

    /** @return the model planned with */
    public DynamicsModel model() {
        return rollouts.model();
    }

    /**
     * Sets the state plans start from.
     *
     * @param obs the current observation, {@code [obsDim]} (unaffected)
     */
    public void setState(float[] obs) {
        System.arraycopy(obs, 0, state, 0, state.length);
        hasState = true;
    }

    /**
     * Improves the plan from the current state, starting from the warm start.
     *
     * @param budgetNanos time after which no new optimiser iteration starts (0: run every iteration)
     * @return what the optimiser did
     */
    public Optimizer.Result optimize(long budgetNanos) {
        if (!hasState) {
            throw new IllegalStateException("call setState(obs) before optimize()");
        }
        rollouts.setStart(state);
        if (prior != null) {
            prior.plan(state, space.horizon(), priorPlans);
            optimizer.setSeeds(priorPlans, prior.count());
        }
        long deadline = budgetNanos > 0 ? System.nanoTime() + budgetNanos : 0;
        lastResult = optimizer.optimize(sampled, warmStart, deadline, plan);
        System.arraycopy(plan, 0, warmStart, 0, plan.length);
        return lastResult;
    }

    /**
     * @param out storage for the plan's first action, {@code [actionDim]} (modified)
     * @return {@code out}
     */
    public float[] action(float[] out) {
        System.arraycopy(plan, 0, out, 0, space.actionDim());
        return out;
    }

    /**
     * Shifts the warm start by the number of steps executed since the last optimisation.
     *
     * @param steps control steps executed (&ge;0)
     */
    public void advance(int steps) {
        int shift = Math.min(steps, space.horizon()) * space.actionDim();
        float[] centre = space.centre();
        for (int i = 0; i < warmStart.length; i++) {
            warmStart[i] = i + shift < plan.length ? plan[i + shift] : centre[i];
        }
    }

    /** @return the current plan, {@code [horizon × actionDim]} (a copy) */
    public float[] plan() {
        return plan.clone();
    }

    /** @return the last optimisation's result, or null before the first */
    public Optimizer.Result lastResult() {
        return lastResult;
    }

    /** @return the horizon and bounds */
    public SearchSpace space() {
        return space;
    }

    /**
     * The states each ensemble member predicts along the current plan from the current state, each
     * member following its own mean (no sampling): the imagined future to draw, and its spread.
     *
     * @return {@code [E][horizon × obsDim]}
     */
    public float[][] bestTrajectory() {
        return imagine(plan)[0];
    }

    /**
     * Candidates of the last optimiser iteration, as scored (the first {@code count} of its
     * population; fewer if the population is smaller): what the planner considered besides its plan.
     *
     * @param count the most candidates wanted (at most 16 are kept)
     * @return {@code [k][horizon × actionDim]} copies, k &le; count
     */
    public float[][] sampledCandidates(int count) {
        return sampled.kept(count);
    }

    /**
     * The states each ensemble member predicts along action sequences from the current state, each
     * member following its own mean; all sequences in one model call per horizon step. A member's
     * future ends at the step where the task's termination test says the episode ends (that
     * terminal state included).
     *
     * @param sequences action sequences, each {@code [horizon × actionDim]} (unaffected)
     * @return {@code [sequence][E][steps × obsDim]}, steps &le; horizon (fewer where a future terminates)
     */
    public float[][][] imagine(float[]... sequences) {
        for (float[] actions : sequences) {
            if (actions.length != plan.length) {
                throw new IllegalArgumentException("each sequence must have horizon × actionDim = " + plan.length
                        + " values, got " + actions.length);
            }
        }
        DynamicsModel model = rollouts.model();
        int k = sequences.length;
        int e = model.ensembleSize();
        int obsDim = model.obsDim();
        int actionDim = space.actionDim();
        int horizon = space.horizon();
        float[][][] trajectory = new float[k][e][horizon * obsDim];
        if (k == 0) {
            return trajectory;
        }
        int rows = e * k;
        if (futures == null || futures.maxRows() < rows) {
            futures = new ModelEnvironment(model, ModelEnvironment.Settings.memberMeans(), List.of(), termination,
                    Math.max(rows, e * (SampledObjective.KEPT + 1)), new RandomStream(0));
        } else {
            futures.setModel(model);
        }
        futures.resetAll(state, rows); // row m·k + c: member m (TS∞ with k rows per member), sequence c
        int[] steps = new int[rows];
        for (int t = 0; t < horizon; t++) {
            float[] action = futures.actions();
            for (int m = 0; m < e; m++) {
                for (int c = 0; c < k; c++) {
                    System.arraycopy(sequences[c], t * actionDim, action, (m * k + c) * actionDim, actionDim);
                }
            }
            futures.step();
            float[] obs = futures.observations();
            boolean[] active = futures.active();
            for (int r = 0; r < rows; r++) {
                if (active[r]) {
                    System.arraycopy(obs, r * obsDim, trajectory[r % k][r / k], steps[r] * obsDim, obsDim);
                    steps[r]++;
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            if (steps[r] < horizon) {
                trajectory[r % k][r / k] = Arrays.copyOf(trajectory[r % k][r / k], steps[r] * obsDim);
            }
        }
        return trajectory;
    }

    /**
     * The model's expected next observation (the mean over members of their means) after an action
     * from an observation: where a plan that takes longer than the gap to the next control step
     * should start (latency compensation).
     *
     * @param obs the observation, {@code [obsDim]} (unaffected)
     * @param action the action, {@code [actionDim]} (unaffected)
     * @param out storage for the predicted observation, {@code [obsDim]} (modified)
     * @return {@code out}
     */
    public float[] predictNext(float[] obs, float[] action, float[] out) {
        DynamicsModel model = rollouts.model();
        if (expected == null) {
            expected = new ModelEnvironment(model, ModelEnvironment.Settings.expectation(), List.of(),
                    TerminationFunction.NEVER, 1, new RandomStream(0));
        } else {
            expected.setModel(model);
        }
        expected.resetAll(obs, 1);
        expected.step(action);
        System.arraycopy(expected.observations(), 0, out, 0, out.length);
        return out;
    }

    @Override
    public void close() {
        rollouts.close();
    }

    /**
     * Passes every evaluation through and keeps a copy of the first {@link #KEPT} candidates of the
     * latest one of at least two candidates (for drawing; a few hundred floats per iteration, no allocation).
     */
    static final class SampledObjective implements SequenceObjective {
        /** Candidates kept per evaluation. */
        static final int KEPT = 16;
        private final SequenceObjective inner;
        private final int sequenceLength;
        private final float[] kept;
        private int keptCount;

        SampledObjective(SequenceObjective inner, int sequenceLength) {
            this.inner = inner;
            this.sequenceLength = sequenceLength;
            this.kept = new float[KEPT * sequenceLength];
        }

        @Override
        public void evaluate(float[] sequences, int population, float[] scores) {
            inner.evaluate(sequences, population, scores);
            if (population < 2) {
                return; // e.g. CEM scoring its final mean: not a population
            }
            keptCount = Math.min(KEPT, population);
            System.arraycopy(sequences, 0, kept, 0, keptCount * sequenceLength);
        }

        float[][] kept(int count) {
            int k = Math.min(count, keptCount);
            float[][] out = new float[k][];
            for (int i = 0; i < k; i++) {
                out[i] = java.util.Arrays.copyOfRange(kept, i * sequenceLength, (i + 1) * sequenceLength);
            }
            return out;
        }
    }

    /**
     * Saves the optimiser's and the rollouts' random streams (and the policy prior's); the plan
     * itself starts afresh each episode ({@link #reset}). Call between episodes.
     */
    @Override
    public void saveState(Checkpoint out) {
        optimizer.saveState(out.scope("optimizer"));
        rollouts.saveState(out.scope("rollouts"));
        if (prior != null) {
            prior.saveState(out.scope("prior"));
        }
    }

    @Override
    public void restoreState(Checkpoint in) {
        optimizer.restoreState(in.scope("optimizer"));
        rollouts.restoreState(in.scope("rollouts"));
        if (prior != null) {
            prior.restoreState(in.scope("prior"));
        }
    }
}
