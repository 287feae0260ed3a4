package dev.foresight.agent;

import dev.foresight.planning.MpcPlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Acts by model-predictive control: on every step, plan from the observation (all optimiser
 * iterations, or until {@code budgetNanos}), take the plan's first action, and shift the warm start.
 * Records how long each plan took. Not thread-safe.
 */
public final class MpcPolicy implements Policy {
    private final MpcPlanner planner;
    private final long budgetNanos;
    private final List<Double> planMillis = new ArrayList<>();

    /**
     * @param planner the planner (not null)
     * @param budgetNanos per-step planning budget (0: run every iteration)
     */
    public MpcPolicy(MpcPlanner planner, long budgetNanos) {
        this.planner = planner;
        this.budgetNanos = budgetNanos;
    }

    /** @return the planner */
    public MpcPlanner planner() {
        return planner;
    }

    @Override
    public void act(float[] obs, float[] action) {
        long start = System.nanoTime();
        planner.setState(obs);
        planner.optimize(budgetNanos);
        planner.action(action);
        planner.advance(1);
        planMillis.add((System.nanoTime() - start) / 1e6);
    }

    @Override
    public void reset() {
        planner.reset();
    }

    /** @return planning times (in milliseconds) since the last call, and clears them */
    public List<Double> drainPlanMillis() {
        List<Double> times = new ArrayList<>(planMillis);
        planMillis.clear();
        return times;
    }
}
