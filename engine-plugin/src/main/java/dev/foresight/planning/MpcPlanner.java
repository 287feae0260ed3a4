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
 * <p>Threading: not thread-safe; one planner per planning thread. The model may be swapped between
 * calls with {@link #setModel}.
 */
public final class MpcPlanner {
    private final SearchSpace space;
    private final Optimizer optimizer;
    private final ModelRollouts rollouts;
    private final float[] plan;
    private final float[] warmStart;
    private final float[] state;
    private boolean hasState;
    private Optimizer.Result lastResult;

    /**
     * @param space bounds and horizon (not null)
     * @param optimizer the sequence optimiser, built for the same space (not null)
     * @param rollouts the objective, built for the same space and at least the optimiser's population (not null)
     */
    public MpcPlanner(SearchSpace space, Optimizer optimizer, ModelRollouts rollouts) {
        this.space = space;
        this.optimizer = optimizer;
        this.rollouts = rollouts;
        this.plan = space.centre();
        this.warmStart = space.centre();
        this.state = new float[rollouts.model().obsDim()];
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
        lastResult = optimizer.optimize(rollouts, warmStart, deadline, plan);
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
        DynamicsModel model = rollouts.model();
        int e = model.ensembleSize();
        int obsDim = model.obsDim();
        int actionDim = space.actionDim();
        float[][] trajectory = new float[e][space.horizon() * obsDim];
        float[] obs = new float[e * obsDim];
        float[] action = new float[e * actionDim];
        for (int m = 0; m < e; m++) {
            System.arraycopy(state, 0, obs, m * obsDim, obsDim);
        }
        Prediction out = new Prediction(e, 1, obsDim);
        for (int t = 0; t < space.horizon(); t++) {
            for (int m = 0; m < e; m++) {
                System.arraycopy(plan, t * actionDim, action, m * actionDim, actionDim);
            }
            model.predict(obs, action, 1, out);
            System.arraycopy(out.nextObsMean(), 0, obs, 0, e * obsDim);
            for (int m = 0; m < e; m++) {
                System.arraycopy(obs, m * obsDim, trajectory[m], t * obsDim, obsDim);
            }
        }
        return trajectory;
    }
}
