package dev.foresight.planning;

import dev.foresight.checkpoint.RandomStreamOwner;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.ModelEnvironment;
import dev.foresight.model.Propagation;
import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.util.RandomStream;
import java.util.List;
import java.util.Objects;

/**
 * A learned policy as the planner's prior, as TD-MPC does (Hansen et al. 2022, "Temporal
 * difference learning for model predictive control", section 3.2): from the state the planner
 * starts at, {@code count} rollouts of the policy through the model (TS1 with sampled next states,
 * so that each follows another plausible future) give {@code count} action sequences that the
 * optimiser scores in every iteration beside its own samples ({@link Optimizer#setSeeds}); and
 * the policy's critic, where the file carries one, values the state each candidate reaches at the
 * horizon ({@link #horizonValue()}), so that a short horizon still sees what lies beyond it.
 *
 * <p>Threading: {@link #plan} is not thread-safe (one planner); {@link #horizonValue()} is
 * (ONNX Runtime sessions run concurrently), as sharded rollouts need.
 */
public final class PolicyPrior implements RandomStreamOwner {
    private final OnnxPolicy policy;
    private final int count;
    private final int actionDim;
    private final ModelEnvironment rollouts;
    private final float[] actions;
    private final RandomStream random;

    /**
     * @param policy the policy (not null; the caller's, not closed here)
     * @param model the model the planner uses (not null; the caller's)
     * @param count sequences per plan (&ge;1)
     * @param random the stream of the rollouts' member choices and samples (not null; advanced)
     * @throws IllegalArgumentException if the policy's sizes differ from the model's
     */
    public PolicyPrior(OnnxPolicy policy, DynamicsModel model, int count, RandomStream random) {
        this.random = random;
        this.policy = Objects.requireNonNull(policy, "policy");
        if (policy.obsDim() != model.obsDim() || policy.actionDim() != model.actionDim()) {
            throw new IllegalArgumentException("the policy maps " + policy.obsDim() + " observations to "
                    + policy.actionDim() + " actions but the model has " + model.obsDim() + " and " + model.actionDim()
                    + ": use a policy trained on the same environment");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        this.count = count;
        this.actionDim = model.actionDim();
        this.rollouts = new ModelEnvironment(model, ModelEnvironment.Settings.sampled(Propagation.TS1), List.of(),
                TerminationFunction.NEVER, count, random);
        this.actions = new float[count * actionDim];
    }

    /** @return sequences per plan */
    public int count() {
        return count;
    }

    /** @param model the model to roll through from now on (same sizes; e.g. after retraining) */
    public void setModel(DynamicsModel model) {
        rollouts.setModel(model);
    }

    /**
     * Rolls the policy {@code horizon} steps from {@code state}, {@link #count()} times.
     *
     * @param state the start, {@code [obsDim]} (unaffected)
     * @param horizon steps
     * @param out storage for {@code [count × horizon × actionDim]} (modified)
     */
    public void plan(float[] state, int horizon, float[] out) {
        rollouts.resetAll(state, count);
        for (int t = 0; t < horizon; t++) {
            policy.act(rollouts.observations(), count, actions);
            for (int c = 0; c < count; c++) {
                System.arraycopy(actions, c * actionDim, out, (c * horizon + t) * actionDim, actionDim);
            }
            if (t < horizon - 1) {
                rollouts.step(actions);
            }
        }
    }

    /**
     * @return the critic's value of a state, for {@link ModelRollouts}' horizon value
     * @throws IllegalStateException if the policy file carries no critic
     */
    public TerminalValue horizonValue() {
        if (!policy.hasValue()) {
            throw new IllegalStateException("the policy file carries no critic's value, so it cannot value the horizon;"
                    + " use a policy exported by this version's 'train' (SAC, MBPO, PPO, SimPLe), or drop --terminal-value");
        }
        return policy::values;
    }

    @Override
    public RandomStream randomStream() {
        return random;
    }
}
