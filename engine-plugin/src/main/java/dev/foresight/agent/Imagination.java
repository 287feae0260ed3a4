package dev.foresight.agent;

/**
 * A decision-maker's latest imagined futures, for drawing. A future ends where the model predicts
 * that the episode terminates, so arrays may be shorter than the horizon.
 *
 * @param start the observation they start from, {@code [obsDim]}
 * @param plan per ensemble member, the states predicted along the plan, {@code [E][steps × obsDim]}
 * @param candidates other candidates of the last optimiser iteration, each followed by the first
 *                   member, {@code [k][steps × obsDim]}
 * @param episode the episode it was planned in
 * @param step the step it starts at
 */
public record Imagination(float[] start, float[][] plan, float[][] candidates, int episode, int step) {
}
