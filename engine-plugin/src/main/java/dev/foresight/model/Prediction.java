package dev.foresight.model;

/**
 * Reusable storage for a {@link DynamicsModel}'s output, sized for up to {@code capacity} rows per
 * member. Arrays are {@code [E × capacity × obsDim]} (means and log-variances of the next
 * observation) and {@code [E × capacity]} (reward mean and log-variance); rows beyond the last
 * prediction's {@code n} are stale. Not thread-safe.
 */
public final class Prediction {
    private final int members;
    private final int capacity;
    private final int obsDim;
    private final float[] nextObsMean;
    private final float[] nextObsLogVar;
    private final float[] rewardMean;
    private final float[] rewardLogVar;
    private final float[] nextObsStd;
    private boolean hasStd;

    /**
     * @param members ensemble size E (&ge;1)
     * @param capacity rows per member (&ge;1)
     * @param obsDim observation size (&ge;1)
     */
    public Prediction(int members, int capacity, int obsDim) {
        this.members = members;
        this.capacity = capacity;
        this.obsDim = obsDim;
        nextObsMean = new float[members * capacity * obsDim];
        nextObsLogVar = new float[members * capacity * obsDim];
        rewardMean = new float[members * capacity];
        rewardLogVar = new float[members * capacity];
        nextObsStd = new float[members * capacity * obsDim];
    }

    /** @return E */
    public int members() {
        return members;
    }

    /** @return the rows per member this storage holds */
    public int capacity() {
        return capacity;
    }

    /** @return the observation size */
    public int obsDim() {
        return obsDim;
    }

    /**
     * @return predicted next-observation means; member m, row i starts at {@code (m·n + i)·obsDim}
     *         where n is the row count of the last prediction
     */
    public float[] nextObsMean() {
        return nextObsMean;
    }

    /** @return predicted next-observation log-variances (natural log, observation units²), laid out as the means */
    public float[] nextObsLogVar() {
        return nextObsLogVar;
    }

    /**
     * @return predicted next-observation standard deviations {@code exp(logVar / 2)}, laid out as
     *         the means; valid only if {@link #hasStd()}
     */
    public float[] nextObsStd() {
        return nextObsStd;
    }

    /** @return whether the last prediction filled {@link #nextObsStd()} (models that compute it cheaply do) */
    public boolean hasStd() {
        return hasStd;
    }

    /** @param filled whether the model filled {@link #nextObsStd()} in this prediction (set by models) */
    public void setHasStd(boolean filled) {
        hasStd = filled;
    }

    /** @return predicted reward means, {@code [E × n]}, if the model learns rewards */
    public float[] rewardMean() {
        return rewardMean;
    }

    /** @return predicted reward log-variances, {@code [E × n]}, if the model learns rewards */
    public float[] rewardLogVar() {
        return rewardLogVar;
    }
}
