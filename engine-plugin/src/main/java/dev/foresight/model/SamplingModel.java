package dev.foresight.model;

import dev.foresight.util.RandomStream;


/**
 * A {@link TransitionModel} that draws next states itself, a batch of rows per call: a table
 * look-up model (the last seen or a sampled next state of each (state, action)), or a
 * deterministic latent model. Its rows are independent: a row's result depends on its own inputs
 * and the random stream only.
 */
public interface SamplingModel extends TransitionModel {
    /**
     * @param states {@code [n × stateDim]} (unaffected)
     * @param actions {@code [n × actionDim]} (unaffected)
     * @param n rows (&ge;1)
     * @param random the stream for stochastic models (not null; advanced)
     * @param nextStates storage for the next states, {@code [n × stateDim]} (modified)
     * @param rewards storage for one reward per row, {@code [n]} (modified only if {@link #predictsReward()})
     */
    void sample(float[] states, float[] actions, int n, RandomStream random, float[] nextStates, float[] rewards);
}
