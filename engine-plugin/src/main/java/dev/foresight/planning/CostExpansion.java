package dev.foresight.planning;

/**
 * The second-order expansion of a stage cost {@code c(x, u, x')} (the negated reward of a
 * transition) around points of a trajectory, in the stacked variable {@code z = (x, u, x')} of
 * size {@code d = 2·obsDim + actionDim}: what iLQR needs of the task's reward. Implemented by
 * {@link RewardExpansion} (central finite differences of any {@link dev.foresight.env.RewardFunction});
 * a task that knows its derivatives may give them exactly.
 *
 * <p>Threading: called by one planning thread.
 */
public interface CostExpansion {
    /**
     * @param obs states {@code [steps × obsDim]} (unaffected)
     * @param action actions {@code [steps × actionDim]} (unaffected)
     * @param nextObs next states {@code [steps × obsDim]} (unaffected)
     * @param steps the number of points (&ge;1)
     * @param gradient storage for ∂c/∂z {@code [steps × d]} (modified)
     * @param hessian storage for ∂²c/∂z² {@code [steps × d × d]}, symmetric (modified)
     */
    void expand(float[] obs, float[] action, float[] nextObs, int steps, double[] gradient, double[] hessian);
}
