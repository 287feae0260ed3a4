package dev.foresight.model;

import java.util.Objects;

/**
 * MOPO's uncertainty of a Gaussian ensemble about a transition (Yu et al. 2020, "MOPO: Model-based
 * Offline Policy Optimization", section 4.3): {@code u(s, a) = max over members i of ‖σ_i(s, a)‖₂},
 * the largest norm of a member's predicted standard deviation of the next observation. Every
 * member predicts every row (one model call with E × n rows).
 *
 * <p>Threading: not thread-safe (buffers are reused); one per thread. The model is the caller's.
 */
public final class EnsembleUncertainty {
    private final DynamicsModel model;
    private final int maxRows;
    private final float[] obs;
    private final float[] action;
    private final Prediction prediction;

    /**
     * @param model the ensemble (not null)
     * @param maxRows the most rows one call will ask about (&ge;1)
     */
    public EnsembleUncertainty(DynamicsModel model, int maxRows) {
        this.model = Objects.requireNonNull(model, "model");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
        }
        this.maxRows = maxRows;
        int members = model.ensembleSize();
        obs = new float[members * maxRows * model.obsDim()];
        action = new float[members * maxRows * model.actionDim()];
        prediction = new Prediction(members, maxRows, model.obsDim());
    }

    /**
     * @param states {@code [n × obsDim]} (unaffected)
     * @param actions {@code [n × actionDim]} (unaffected)
     * @param n rows (1 … maxRows)
     * @param out storage for {@code u} per row, {@code [n]} (modified)
     */
    public void maxStdNorm(float[] states, float[] actions, int n, float[] out) {
        if (n < 1 || n > maxRows) {
            throw new IllegalArgumentException("rows must be in [1, " + maxRows + "], got " + n);
        }
        int members = model.ensembleSize();
        int obsDim = model.obsDim();
        int actionDim = model.actionDim();
        for (int m = 0; m < members; m++) {
            System.arraycopy(states, 0, obs, m * n * obsDim, n * obsDim);
            System.arraycopy(actions, 0, action, m * n * actionDim, n * actionDim);
        }
        model.predict(obs, action, n, prediction);
        float[] std = prediction.nextObsStd();
        float[] logVar = prediction.nextObsLogVar();
        boolean hasStd = prediction.hasStd();
        for (int r = 0; r < n; r++) {
            double largest = 0;
            for (int m = 0; m < members; m++) {
                double sum = 0;
                int base = (m * n + r) * obsDim;
                for (int d = 0; d < obsDim; d++) {
                    double s = hasStd ? std[base + d] : Math.exp(0.5 * logVar[base + d]);
                    sum += s * s;
                }
                largest = Math.max(largest, Math.sqrt(sum));
            }
            out[r] = (float) largest;
        }
    }
}
