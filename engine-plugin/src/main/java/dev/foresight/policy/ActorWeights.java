package dev.foresight.policy;

import dev.foresight.util.Gaussians;
import dev.foresight.util.RandomStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic actor, independent of the library that trained it: the observation is
 * normalised, {@code x = (obs − obsMean) / obsStd}, passed through dense layers
 * {@code h = act(h·W[l] + b[l])} (no activation after the last), and the output y becomes the
 * action by the {@link Squash}: SAC's {@code offset + scale·tanh(y)} (the mean of its
 * tanh-squashed Gaussian, scaled to the bounds) or PPO's {@code clip(y, low, high)}. Arrays are
 * row-major float32, read-only once handed over.
 *
 * @param obsDim observation size
 * @param actionDim action size
 * @param layerSizes {@code [obsDim, hidden…, actionDim]}
 * @param weights per layer l, {@code [layerSizes[l] × layerSizes[l+1]]}
 * @param biases per layer l, {@code [layerSizes[l+1]]}
 * @param activation between layers
 * @param squash how the last layer's output becomes an action
 * @param actionLow lower action bounds, finite, {@code [actionDim]}
 * @param actionHigh upper action bounds, finite, {@code [actionDim]}
 * @param obsMean observation normalisation mean, {@code [obsDim]}
 * @param obsStd observation normalisation scale, each &gt; 0, {@code [obsDim]}
 */
public record ActorWeights(int obsDim, int actionDim, int[] layerSizes, float[][] weights, float[][] biases,
                           Activation activation, Squash squash, float[] actionLow, float[] actionHigh, float[] obsMean,
                           float[] obsStd) {
    /** The nonlinearity between layers. */
    public enum Activation {
        /** max(0, x) — SAC's and PPO's usual choice. */
        RELU,
        /** tanh(x). */
        TANH,
        /** x·sigmoid(x). */
        SILU
    }

    /** How the network's output becomes an action within the bounds. */
    public enum Squash {
        /** {@code (high + low)/2 + (high − low)/2 · tanh(y)} (SAC). */
        TANH,
        /** {@code min(high, max(low, y))} (PPO's Gaussian mean). */
        CLIP
    }

    public ActorWeights {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(squash, "squash");
        if (layerSizes.length < 2 || layerSizes[0] != obsDim || layerSizes[layerSizes.length - 1] != actionDim) {
            throw new IllegalArgumentException("layer sizes " + Arrays.toString(layerSizes) + " must run from obsDim "
                    + obsDim + " to actionDim " + actionDim);
        }
        if (weights.length != layerSizes.length - 1 || biases.length != weights.length) {
            throw new IllegalArgumentException("need " + (layerSizes.length - 1) + " weight and bias arrays");
        }
        for (int l = 0; l < weights.length; l++) {
            if (weights[l].length != layerSizes[l] * layerSizes[l + 1] || biases[l].length != layerSizes[l + 1]) {
                throw new IllegalArgumentException("layer " + l + " needs " + layerSizes[l] + "×" + layerSizes[l + 1]
                        + " weights and " + layerSizes[l + 1] + " biases");
            }
        }
        if (actionLow.length != actionDim || actionHigh.length != actionDim || obsMean.length != obsDim
                || obsStd.length != obsDim) {
            throw new IllegalArgumentException("bounds need actionDim values and normalisation obsDim values");
        }
        for (int i = 0; i < actionDim; i++) {
            if (!Float.isFinite(actionLow[i]) || !Float.isFinite(actionHigh[i]) || actionLow[i] > actionHigh[i]) {
                throw new IllegalArgumentException("action bounds must be finite with low <= high; dimension " + i
                        + " has [" + actionLow[i] + ", " + actionHigh[i] + "]");
            }
        }
        for (int i = 0; i < obsDim; i++) {
            if (!(obsStd[i] > 0) || !Float.isFinite(obsStd[i]) || !Float.isFinite(obsMean[i])) {
                throw new IllegalArgumentException("observation normalisation must be finite with std > 0; dimension " + i
                        + " has mean " + obsMean[i] + ", std " + obsStd[i]);
            }
        }
    }

    /** @return the number of dense layers */
    public int layers() {
        return weights.length;
    }

    /**
     * The action for each row: the reference forward pass in plain Java (float32, as the exported graph computes it).
     *
     * @param obs {@code [n × obsDim]} (unaffected)
     * @param n rows
     * @param out storage for {@code [n × actionDim]} (modified)
     */
    public void act(float[] obs, int n, float[] out) {
        for (int r = 0; r < n; r++) {
            float[] h = new float[obsDim];
            for (int i = 0; i < obsDim; i++) {
                h[i] = (obs[r * obsDim + i] - obsMean[i]) / obsStd[i];
            }
            h = PolicyNetworks.forward(h, layerSizes, weights, biases, activation);
            for (int j = 0; j < actionDim; j++) {
                float low = actionLow[j];
                float high = actionHigh[j];
                out[r * actionDim + j] = squash == Squash.TANH
                        ? 0.5f * (high + low) + 0.5f * (high - low) * (float) Math.tanh(h[j])
                        : Math.min(high, Math.max(low, h[j]));
            }
        }
    }

    /**
     * An untrained actor with random weights (truncated normal, std {@code 1/√fan-in}) and identity
     * normalisation — for benchmarks and tests.
     *
     * @param obsDim observation size
     * @param actionDim action size
     * @param hidden hidden widths
     * @param low lower action bounds
     * @param high upper action bounds
     * @param squash the output squash
     * @param seed the weights' seed
     * @return the weights
     */
    public static ActorWeights random(int obsDim, int actionDim, List<Integer> hidden, float[] low, float[] high,
                                      Squash squash, long seed) {
        RandomStream random = new RandomStream(seed);
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = obsDim;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = actionDim;
        float[][] w = new float[sizes.length - 1][];
        float[][] b = new float[sizes.length - 1][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new float[sizes[l] * sizes[l + 1]];
            b[l] = new float[sizes[l + 1]];
            float std = (float) (1 / Math.sqrt(sizes[l]));
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = std * Gaussians.truncated(random, 2f);
            }
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = 0.1f * Gaussians.truncated(random, 2f);
            }
        }
        float[] ones = new float[obsDim];
        Arrays.fill(ones, 1f);
        return new ActorWeights(obsDim, actionDim, sizes, w, b, Activation.RELU, squash, low.clone(), high.clone(),
                new float[obsDim], ones);
    }
}
