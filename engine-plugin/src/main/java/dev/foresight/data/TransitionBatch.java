package dev.foresight.data;

/**
 * A reusable minibatch of transitions for gradient updates, filled in place
 * ({@link ReplayBuffer#sampleInto}). Arrays are row-major float32 and public for speed:
 * {@code obs [size × obsDim]}, {@code action [size × actionDim]}, {@code reward [size]},
 * {@code nextObs [size × obsDim]}, {@code terminated [size]} (1 where the task ended — no
 * bootstrapping from the next state — else 0; a time-limit cut is 0).
 *
 * <p>Threading: not thread-safe; one per thread.
 */
public final class TransitionBatch {
    /** Rows. */
    public final int size;
    /** Observation size. */
    public final int obsDim;
    /** Action size. */
    public final int actionDim;
    /** {@code [size × obsDim]}. */
    public final float[] obs;
    /** {@code [size × actionDim]}. */
    public final float[] action;
    /** {@code [size]}. */
    public final float[] reward;
    /** {@code [size × obsDim]}. */
    public final float[] nextObs;
    /** {@code [size]}, 1 or 0. */
    public final float[] terminated;

    /**
     * @param size rows (&ge;1)
     * @param obsDim observation size (&ge;1)
     * @param actionDim action size (&ge;1)
     */
    public TransitionBatch(int size, int obsDim, int actionDim) {
        if (size < 1 || obsDim < 1 || actionDim < 1) {
            throw new IllegalArgumentException("size, obsDim and actionDim must be >= 1, got " + size + ", " + obsDim
                    + ", " + actionDim);
        }
        this.size = size;
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        obs = new float[size * obsDim];
        action = new float[size * actionDim];
        reward = new float[size];
        nextObs = new float[size * obsDim];
        terminated = new float[size];
    }
}
