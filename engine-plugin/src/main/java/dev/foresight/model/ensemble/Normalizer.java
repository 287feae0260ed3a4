package dev.foresight.model.ensemble;

/**
 * Per-column mean and standard deviation of a {@code [rows × dim]} array. Columns whose standard
 * deviation is below 1e-6 (constant in the data) get 1, so they pass through centred but unscaled,
 * and are flagged {@code constant}: a model predicting such a column outputs its constant value
 * exactly (see {@link #outputScale()}).
 *
 * @param mean {@code [dim]}
 * @param std {@code [dim]}, all &gt; 0
 * @param constant {@code [dim]}, whether the column was constant
 */
public record Normalizer(float[] mean, float[] std, boolean[] constant) {
    private static final double MIN_STD = 1e-6;

    /**
     * @param values {@code [rows × dim]} (unaffected)
     * @param rows number of rows (&ge;1)
     * @param dim number of columns (&ge;1)
     * @return the statistics of the columns
     */
    public static Normalizer fit(float[] values, int rows, int dim) {
        double[] sum = new double[dim];
        for (int i = 0; i < rows; i++) {
            for (int d = 0; d < dim; d++) {
                sum[d] += values[i * dim + d];
            }
        }
        float[] mean = new float[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] = (float) (sum[d] / rows);
        }
        double[] squares = new double[dim];
        for (int i = 0; i < rows; i++) {
            for (int d = 0; d < dim; d++) {
                double dev = values[i * dim + d] - mean[d];
                squares[d] += dev * dev;
            }
        }
        float[] std = new float[dim];
        boolean[] constant = new boolean[dim];
        for (int d = 0; d < dim; d++) {
            double s = Math.sqrt(squares[d] / rows);
            constant[d] = s < MIN_STD;
            std[d] = constant[d] ? 1f : (float) s;
        }
        return new Normalizer(mean, std, constant);
    }

    /**
     * The factor that maps a normalised prediction back to data units: {@code std}, or 0 for
     * constant columns, so that {@code prediction·scale + mean} is exactly the constant there.
     *
     * @return {@code [dim]}
     */
    public float[] outputScale() {
        float[] scale = std.clone();
        for (int d = 0; d < scale.length; d++) {
            if (constant[d]) {
                scale[d] = 0f;
            }
        }
        return scale;
    }

    /** @return the number of columns */
    public int dim() {
        return mean.length;
    }

    /**
     * Normalises in place: {@code (x − mean) / std}.
     *
     * @param values {@code [rows × dim]} (modified)
     */
    public void normalize(float[] values) {
        int dim = mean.length;
        for (int i = 0; i < values.length; i++) {
            int d = i % dim;
            values[i] = (values[i] - mean[d]) / std[d];
        }
    }
}
