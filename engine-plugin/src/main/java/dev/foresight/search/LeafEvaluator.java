package dev.foresight.search;

/**
 * Estimates the value of states at the leaves of a search tree: the discounted return expected
 * from each (a random rollout's, a value function's, or a mix).
 *
 * <p>Threading: called from the searching thread only.
 */
public interface LeafEvaluator {
    /**
     * @param states the leaf states, {@code [n · stateDim]} (unaffected)
     * @param n how many (&ge;1)
     * @param values storage for the estimates, {@code [n]} (overwritten)
     */
    void evaluate(float[] states, int n, float[] values);
}
