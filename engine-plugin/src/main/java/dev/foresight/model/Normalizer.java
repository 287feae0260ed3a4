package dev.foresight.model;

/**
 * Per-column mean and standard deviation of a {@code [rows × dim]} array. Columns whose standard
 * deviation is below 1e-6 (constant in the data) get 1, so they pass through centred but unscaled.
 *
 * @param mean {@code [dim]}
 * @param std {@code [dim]}, all &gt; 0
 */
public record Normalizer(float[] mean, float[] std) {
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
        for (int d = 0; d < dim; d++) {
            double s = Math.sqrt(squares[d] / rows);
            std[d] = s < MIN_STD ? 1f : (float) s;
        }
        return new Normalizer(mean, std);
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
