package dev.foresight.planning;

import dev.foresight.env.BoxSpace;

/**
 * The space an optimiser searches: a horizon of actions, each within per-dimension bounds.
 *
 * @param horizon steps per sequence (&ge;1)
 * @param low lower bound per action dimension, finite, {@code [actionDim]}
 * @param high upper bound per action dimension, finite, {@code [actionDim]}
 */
public record SearchSpace(int horizon, float[] low, float[] high) {
    public SearchSpace {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (low.length == 0 || low.length != high.length) {
            throw new IllegalArgumentException("need as many lower as upper bounds, at least one");
        }
        for (int i = 0; i < low.length; i++) {
            if (!Float.isFinite(low[i]) || !Float.isFinite(high[i]) || low[i] >= high[i]) {
                throw new IllegalArgumentException("action bounds must be finite with low < high; dimension " + i
                        + " has [" + low[i] + ", " + high[i] + "]");
            }
        }
        low = low.clone();
        high = high.clone();
    }

    /** @return the space for an environment's action bounds */
    public static SearchSpace of(BoxSpace actions, int horizon) {
        return new SearchSpace(horizon, actions.low(), actions.high());
    }

    /**
     * @param actions an environment's action space (a box with finite bounds)
     * @param horizon steps per sequence
     * @return the space
     * @throws IllegalArgumentException if the actions are not a bounded box (sampling and gradient
     *         planners search continuous sequences; discrete actions need tree search)
     */
    public static SearchSpace of(dev.foresight.env.Space actions, int horizon) {
        BoxSpace box = actions.requireBox("a sequence planner (CEM, MPPI, random shooting, iLQR)");
        box.requireBounded("a sequence planner (CEM, MPPI, random shooting, iLQR)");
        return of(box, horizon);
    }

    /** @return the action size */
    public int actionDim() {
        return low.length;
    }

    /** @return {@code horizon × actionDim} */
    public int length() {
        return horizon * low.length;
    }

    /** @return the lower bound of element {@code i} of a flattened sequence */
    float lowAt(int i) {
        return low[i % low.length];
    }

    /** @return the upper bound of element {@code i} of a flattened sequence */
    float highAt(int i) {
        return high[i % high.length];
    }

    /** @return the midpoint of the bounds for every element, {@code [horizon × actionDim]} */
    public float[] centre() {
        float[] centre = new float[length()];
        for (int i = 0; i < centre.length; i++) {
            centre[i] = BoxSpace.middle(lowAt(i), highAt(i));
        }
        return centre;
    }
}
