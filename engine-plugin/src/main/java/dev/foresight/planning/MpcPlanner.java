package dev.foresight.planning;

import dev.foresight.model.DynamicsModel;
import dev.foresight.model.Prediction;

/**
 * Receding-horizon control with a learned model (PETS's MPC loop), with the life cycle of
 * MuJoCo MPC's planners: {@link #reset()}, {@link #setState(float[])}, {@link #optimize(long)}
 * (anytime: a usable plan exists after its first iteration), {@link #action(float[])},
 * {@link #advance(int)} (warm start: the plan shifted by the steps executed, the freed tail set to
 * the middle of the bounds) and {@link #bestTrajectory()} for drawing.
 *
 * <p>Threading: not thread-safe; one planner per planning thread (a sharded objective uses worker
 * threads of its own inside each optimisation). The model may be swapped between calls with
 * {@link #setModel}. {@link #close()} releases the objective's workers and model copies, never the
 * caller's model.
 */
public final class MpcPlanner implements AutoCloseable {
    private final SearchSpace space;
    private final Optimizer optimizer;
    private final RolloutObjective rollouts;
    private final float[] plan;
    private final float[] warmStart;
    private final float[] state;
    private boolean hasState;
    private Optimizer.Result lastResult;
    private final SampledObjective sampled;

    /**
     * @param space bounds and horizon (not null)
     * @param optimizer the sequence optimiser, built for the same space (not null)
     * @param rollouts the objective, built for the same space and at least the optimiser's population (not null)
     */
    public MpcPlanner(SearchSpace space, Optimizer optimizer, RolloutObjective rollouts) {
        this.space = space;
        this.optimizer = optimizer;
        this.rollouts = rollouts;
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
    }

    /** @return the objective the optimiser scores candidates with (for tests and tools) */
    RolloutObjective objective() {
        return rollouts;
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
     * member following its own mean; all sequences in one model call per horizon step.
     *
     * @param sequences action sequences, each {@code [horizon × actionDim]} (unaffected)
     * @return {@code [sequence][E][horizon × obsDim]}
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
        float[][][] trajectory = new float[k][e][space.horizon() * obsDim];
        if (k == 0) {
            return trajectory;
        }
        float[] obs = new float[e * k * obsDim];
        float[] action = new float[e * k * actionDim];
        for (int row = 0; row < e * k; row++) {
            System.arraycopy(state, 0, obs, row * obsDim, obsDim);
        }
        Prediction out = new Prediction(e, k, obsDim);
        for (int t = 0; t < space.horizon(); t++) {
            for (int m = 0; m < e; m++) {
                for (int c = 0; c < k; c++) {
                    System.arraycopy(sequences[c], t * actionDim, action, (m * k + c) * actionDim, actionDim);
                }
            }
            model.predict(obs, action, k, out);
            System.arraycopy(out.nextObsMean(), 0, obs, 0, obs.length);
            for (int m = 0; m < e; m++) {
                for (int c = 0; c < k; c++) {
                    System.arraycopy(obs, (m * k + c) * obsDim, trajectory[c][m], t * obsDim, obsDim);
                }
            }
        }
        return trajectory;
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
}
