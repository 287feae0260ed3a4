package dev.foresight.model;

import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.Transitions;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.ensemble.Normalizer;
import dev.foresight.util.RandomStream;
import java.util.Arrays;
import java.util.List;

/**
 * Measures a {@link DynamicsModel} on held-out episodes: the Gaussian negative log-likelihood of
 * one-step predictions and the error of K-step open-loop predictions under the recorded actions
 * (rolled out through a {@link ModelEnvironment}).
 *
 * <p>Open-loop prediction propagates the ensemble's expectation: from the true observation at
 * time t, each step feeds the mean over members of their predicted means back in, K times, using
 * the actions recorded at t…t+K−1. Errors are divided per observation dimension by that
 * dimension's standard deviation in the evaluated data, so that {@code rmse_h1 = 0.05} means 5% of
 * the spread of the data.
 */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /**
     * Mean Gaussian negative log-likelihood per dimension (observation units, natural log) of the
     * one-step next-observation predictions, averaged over members, rows and dimensions.
     *
     * @param model the model (not null)
     * @param data held-out transitions (not null, ≥1 row)
     * @return the NLL
     */
    public static double holdoutNll(DynamicsModel model, Transitions data) {
        return holdoutNllOf(model, data);
    }

    /**
     * The model's NLL on the newest {@code steps} transitions of a buffer — an episode it has not
     * been trained on yet (what PETS-style agents report after each episode).
     *
     * @param model the model, or null
     * @param buffer the transitions observed (not null)
     * @param steps how many of the newest to score
     * @return the NLL, or NaN without a model or without steps
     */
    public static double newestNll(DynamicsModel model, ReplayBuffer buffer, int steps) {
        if (model == null || steps <= 0) {
            return Double.NaN;
        }
        Transitions all = buffer.snapshot();
        return holdoutNllOf(model, all.range(all.size() - steps, all.size()));
    }

    private static double holdoutNllOf(DynamicsModel model, Transitions data) {
        int e = model.ensembleSize();
        int n = data.size();
        int obsDim = model.obsDim();
        Prediction out = new Prediction(e, n, obsDim);
        model.predict(tile(data.obs(), e), tile(data.action(), e), n, out);
        double sum = 0;
        for (int m = 0; m < e; m++) {
            for (int i = 0; i < n * obsDim; i++) {
                int k = m * n * obsDim + i;
                double diff = data.nextObs()[i] - out.nextObsMean()[k];
                double logVar = out.nextObsLogVar()[k];
                sum += 0.5 * (Math.log(2 * Math.PI) + logVar + diff * diff / Math.exp(logVar));
            }
        }
        return sum / ((double) e * n * obsDim);
    }

    /**
     * Root-mean-square K-step open-loop error for each horizon, normalised per dimension.
     *
     * @param model the model (not null)
     * @param data held-out transitions whose episodes are split at terminated/truncated rows (not null)
     * @param horizons the horizons K (each &ge;1)
     * @return one RMSE per horizon; NaN where no episode is long enough
     */
    public static double[] openLoopRmse(DynamicsModel model, Transitions data, int... horizons) {
        int obsDim = model.obsDim();
        int actionDim = model.actionDim();
        float[] std = Normalizer.fit(data.obs(), data.size(), obsDim).std();
        int maxHorizon = Arrays.stream(horizons).max().orElse(0);
        List<int[]> episodes = data.episodes();
        // Every start t of every episode is one row; all rows roll forward together.
        int rows = 0;
        for (int[] ep : episodes) {
            rows += ep[1] - ep[0];
        }
        int[] start = new int[rows];
        int[] end = new int[rows];
        int r = 0;
        for (int[] ep : episodes) {
            for (int t = ep[0]; t < ep[1]; t++) {
                start[r] = t;
                end[r++] = ep[1];
            }
        }
        float[] starts = new float[rows * obsDim];
        for (int k = 0; k < rows; k++) {
            System.arraycopy(data.obs(), start[k] * obsDim, starts, k * obsDim, obsDim);
        }
        ModelEnvironment rollouts = new ModelEnvironment(model, ModelEnvironment.Settings.expectation(), List.of(),
                TerminationFunction.NEVER, rows, new RandomStream(0));
        rollouts.reset(starts, rows);
        double[] squared = new double[maxHorizon + 1];
        long[] counts = new long[maxHorizon + 1];
        for (int h = 1; h <= maxHorizon; h++) {
            float[] action = rollouts.actions();
            for (int k = 0; k < rows; k++) {
                int t = Math.min(start[k] + h - 1, end[k] - 1);
                System.arraycopy(data.action(), t * actionDim, action, k * actionDim, actionDim);
            }
            rollouts.step();
            float[] state = rollouts.observations();
            for (int k = 0; k < rows; k++) {
                int t = start[k] + h - 1;
                if (t >= end[k]) {
                    continue;
                }
                for (int d = 0; d < obsDim; d++) {
                    double diff = (state[k * obsDim + d] - data.nextObs()[t * obsDim + d]) / std[d];
                    squared[h] += diff * diff;
                }
                counts[h] += obsDim;
            }
        }
        double[] rmse = new double[horizons.length];
        for (int i = 0; i < horizons.length; i++) {
            int h = horizons[i];
            rmse[i] = counts[h] == 0 ? Double.NaN : Math.sqrt(squared[h] / counts[h]);
        }
        return rmse;
    }

    /**
     * Open-loop trajectories of each member on its own (member m feeds back only its own mean),
     * from the episode's first observation under its recorded actions: the picture of how the
     * ensemble's spread grows.
     *
     * @param model the model (not null)
     * @param episode one episode's transitions (not null, ≥1 row)
     * @return {@code [E][T × obsDim]}: member m's predicted observation after each step
     */
    public static float[][] memberTrajectories(DynamicsModel model, Transitions episode) {
        int e = model.ensembleSize();
        int obsDim = model.obsDim();
        int actionDim = model.actionDim();
        int steps = episode.size();
        float[][] trajectories = new float[e][steps * obsDim];
        ModelEnvironment rollouts = new ModelEnvironment(model, ModelEnvironment.Settings.memberMeans(), List.of(),
                TerminationFunction.NEVER, e, new RandomStream(0));
        rollouts.resetAll(episode.obs(), e); // row m follows member m
        for (int t = 0; t < steps; t++) {
            float[] action = rollouts.actions();
            for (int m = 0; m < e; m++) {
                System.arraycopy(episode.action(), t * actionDim, action, m * actionDim, actionDim);
            }
            rollouts.step();
            for (int m = 0; m < e; m++) {
                System.arraycopy(rollouts.observations(), m * obsDim, trajectories[m], t * obsDim, obsDim);
            }
        }
        return trajectories;
    }

    /** @return E copies of {@code rows} back to back: {@code [E × rows…]} */
    static float[] tile(float[] rows, int copies) {
        float[] out = new float[rows.length * copies];
        for (int m = 0; m < copies; m++) {
            System.arraycopy(rows, 0, out, m * rows.length, rows.length);
        }
        return out;
    }
}
