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
 * @param weights per candidate, its share of the decision in (0, 1] — a tree search's visits to the
 *                branch — drawn as its thickness, {@code [k]}; null: candidates drawn alike
 */
public record Imagination(float[] start, float[][] plan, float[][] candidates, int episode, int step, float[] weights) {
    public Imagination {
        if (weights != null && weights.length != candidates.length) {
            throw new IllegalArgumentException("need one weight per candidate: " + weights.length + " weights, "
                    + candidates.length + " candidates");
        }
    }

    /** Candidates drawn alike (a sampling planner's). */
    public Imagination(float[] start, float[][] plan, float[][] candidates, int episode, int step) {
        this(start, plan, candidates, episode, step, null);
    }
}
