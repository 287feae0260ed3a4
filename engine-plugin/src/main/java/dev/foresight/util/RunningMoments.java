package dev.foresight.util;

import java.util.Arrays;

/**
 * Running per-column mean and variance of a stream of {@code [rows × dim]} batches, merged with
 * Chan et al.'s parallel update (1979) — what PPO implementations use to normalise observations
 * and to scale rewards. Starts at mean 0, variance 1 with a tiny prior count (as OpenAI baselines'
 * {@code RunningMeanStd}), so that it is usable before any data.
 *
 * <p>Threading: not thread-safe.
 */
public final class RunningMoments {
    private static final double PRIOR_COUNT = 1e-4;

    private final int dim;
    private final double[] mean;
    private final double[] var;
    private double count = PRIOR_COUNT;

    /** @param dim columns (&ge;1) */
    public RunningMoments(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
        this.dim = dim;
        this.mean = new double[dim];
        this.var = new double[dim];
        Arrays.fill(var, 1.0);
    }

    /** @return the number of columns */
    public int dim() {
        return dim;
    }

    /** @return rows merged so far */
    public long count() {
        return Math.round(count - PRIOR_COUNT);
    }

    /**
     * Merges the rows {@code rows[r]} for which {@code include} is null or true.
     *
     * @param values {@code [n × dim]} (unaffected)
     * @param n rows
     * @param include which rows to merge, {@code [n]}, or null for all (unaffected)
     */
    public void update(float[] values, int n, boolean[] include) {
        double[] sum = new double[dim];
        int k = 0;
        for (int r = 0; r < n; r++) {
            if (include != null && !include[r]) {
                continue;
            }
            k++;
            for (int d = 0; d < dim; d++) {
                sum[d] += values[r * dim + d];
            }
        }
        if (k == 0) {
            return;
        }
        double[] batchMean = new double[dim];
        double[] batchVar = new double[dim];
        for (int d = 0; d < dim; d++) {
            batchMean[d] = sum[d] / k;
        }
        for (int r = 0; r < n; r++) {
            if (include != null && !include[r]) {
                continue;
            }
            for (int d = 0; d < dim; d++) {
                double dev = values[r * dim + d] - batchMean[d];
                batchVar[d] += dev * dev;
            }
        }
        double total = count + k;
        for (int d = 0; d < dim; d++) {
            batchVar[d] /= k;
            double delta = batchMean[d] - mean[d];
            double m2 = var[d] * count + batchVar[d] * k + delta * delta * count * k / total;
            mean[d] += delta * k / total;
            var[d] = m2 / total;
        }
        count = total;
    }

    /** @return the means, {@code [dim]} (a copy) */
    public float[] mean() {
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) mean[d];
        }
        return out;
    }

    /**
     * @param epsilon added to the variance (&ge;0)
     * @return {@code sqrt(var + epsilon)} per column, {@code [dim]} (a copy)
     */
    public float[] std(double epsilon) {
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) Math.sqrt(var[d] + epsilon);
        }
        return out;
    }
}
