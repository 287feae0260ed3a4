package dev.foresight.policy;

import java.util.Arrays;
import java.util.Objects;

/**
 * A learned value of states, independent of the library that trained it, for export next to the
 * actor (the planner's value at the horizon). Either a state value {@code V(obs)} (PPO's critic;
 * {@code actionDim = 0}) or action values {@code Q_m(obs, a)} taken at the actor's own action and
 * reduced by the minimum over members (SAC's twin critics: {@code V(s) ≈ min_m Q_m(s, π(s))}).
 * Each member is a dense net {@code h = act(h·W + b)} (no activation after the last) on
 * {@code [(obs − obsMean)/obsStd, a]}; the value is {@code outputScale ×} the net's output (e.g.
 * PPO's reward scale undone).
 *
 * @param obsDim observation size
 * @param actionDim action size taken as input (0 for a state value)
 * @param layerSizes {@code [obsDim + actionDim, hidden…, 1]}
 * @param weights per member m and layer l, {@code [layerSizes[l] × layerSizes[l+1]]}
 * @param biases per member m and layer l, {@code [layerSizes[l+1]]}
 * @param activation between layers
 * @param obsMean observation normalisation mean, {@code [obsDim]}
 * @param obsStd observation normalisation scale, each &gt; 0, {@code [obsDim]}
 * @param outputScale multiplies the value (&gt;0)
 */
public record CriticWeights(int obsDim, int actionDim, int[] layerSizes, float[][][] weights, float[][][] biases,
                            ActorWeights.Activation activation, float[] obsMean, float[] obsStd, float outputScale) {
    public CriticWeights {
        Objects.requireNonNull(activation, "activation");
        if (layerSizes.length < 2 || layerSizes[0] != obsDim + actionDim || layerSizes[layerSizes.length - 1] != 1) {
            throw new IllegalArgumentException("critic layer sizes " + Arrays.toString(layerSizes) + " must run from "
                    + (obsDim + actionDim) + " inputs to 1 output");
        }
        if (weights.length < 1 || biases.length != weights.length) {
            throw new IllegalArgumentException("need at least one member, with weights and biases each");
        }
        for (int m = 0; m < weights.length; m++) {
            if (weights[m].length != layerSizes.length - 1 || biases[m].length != weights[m].length) {
                throw new IllegalArgumentException("member " + m + " needs " + (layerSizes.length - 1) + " layers");
            }
            for (int l = 0; l < weights[m].length; l++) {
                if (weights[m][l].length != layerSizes[l] * layerSizes[l + 1] || biases[m][l].length != layerSizes[l + 1]) {
                    throw new IllegalArgumentException("member " + m + ", layer " + l + " needs " + layerSizes[l] + "×"
                            + layerSizes[l + 1] + " weights and " + layerSizes[l + 1] + " biases");
                }
            }
        }
        if (obsMean.length != obsDim || obsStd.length != obsDim || !(outputScale > 0) || !Float.isFinite(outputScale)) {
            throw new IllegalArgumentException("the critic needs obsDim normalisation values and a finite output scale > 0");
        }
    }

    /** @return members reduced by their minimum */
    public int members() {
        return weights.length;
    }

    /**
     * The reference forward pass in plain Java (float32, as the exported graph computes it).
     *
     * @param obs {@code [n × obsDim]} (unaffected)
     * @param actions {@code [n × actionDim]} (unaffected; ignored for a state value, may be null then)
     * @param n rows
     * @param out storage for {@code [n]} values (modified)
     */
    public void values(float[] obs, float[] actions, int n, float[] out) {
        int in = obsDim + actionDim;
        for (int r = 0; r < n; r++) {
            float[] x = new float[in];
            for (int i = 0; i < obsDim; i++) {
                x[i] = (obs[r * obsDim + i] - obsMean[i]) / obsStd[i];
            }
            for (int i = 0; i < actionDim; i++) {
                x[obsDim + i] = actions[r * actionDim + i];
            }
            float best = Float.POSITIVE_INFINITY;
            for (int m = 0; m < weights.length; m++) {
                float[] h = PolicyNetworks.forward(x, layerSizes, weights[m], biases[m], activation);
                best = Math.min(best, h[0]);
            }
            out[r] = best * outputScale;
        }
    }
}
