package dev.foresight.search;

/**
 * What a tree search asks of a model: batched transitions over a discrete action space. A state is
 * {@link #stateDim()} floats (a cell index for the table models, an observation for the learned
 * ensemble); actions are indices {@code 0 .. actions()-1}.
 *
 * <p>Threading: called from the searching thread only.
 */
public interface SearchModel {
    /** @return floats per state (&ge;1) */
    int stateDim();

    /** @return the number of actions (&ge;2) */
    int actions();

    /**
     * Predicts {@code n} transitions at once.
     *
     * @param states the states, {@code [n · stateDim]} (unaffected)
     * @param actions the actions, {@code [n]} (unaffected)
     * @param n how many rows to predict (&ge;1)
     * @param next storage for the next states, {@code [n · stateDim]} (overwritten)
     * @param rewards storage for the rewards, {@code [n]} (overwritten)
     * @param terminated storage for whether each transition ends the episode, {@code [n]} (overwritten)
     */
    void step(float[] states, int[] actions, int n, float[] next, float[] rewards, boolean[] terminated);
}
