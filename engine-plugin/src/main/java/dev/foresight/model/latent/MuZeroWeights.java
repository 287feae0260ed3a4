package dev.foresight.model.latent;

import dev.foresight.policy.ActorWeights;
import dev.foresight.policy.PolicyNetworks;
import java.util.Arrays;
import java.util.Objects;

/**
 * MuZero's three networks as plain float arrays, independent of the library that trained them, and
 * the reference forward pass in plain Java (float32, as the exported graphs compute it). Each is a
 * ReLU MLP ({@code h = relu(h·W[l] + b[l])}, nothing after the last layer):
 * <ul>
 *   <li>representation: {@code obs [obsDim] → latent [latentDim]}, then {@link #normalise};</li>
 *   <li>dynamics: {@code [latent, one-hot(action)] [latentDim + actions] → [latent′, h(reward)]
 *       [latentDim + 1]}, the latent part normalised;</li>
 *   <li>prediction: {@code latent [latentDim] → [policy logits, h(value)] [actions + 1]}.</li>
 * </ul>
 * h is {@link ValueTransform}; {@link #dynamics} and {@link #predict} return rewards and values with
 * it inverted. Arrays are row-major, read-only once handed over.
 *
 * @param obsDim floats per encoded observation
 * @param latentDim floats per latent state
 * @param actions number of actions
 * @param representation h's layers
 * @param dynamicsNet g's layers
 * @param prediction f's layers
 */
public record MuZeroWeights(int obsDim, int latentDim, int actions, Dense representation, Dense dynamicsNet,
                            Dense prediction) implements LatentModel {
    /** Added to the latent's range before dividing, so a constant latent stays finite. */
    public static final float RANGE_EPSILON = 1e-5f;

    /**
     * One ReLU MLP.
     *
     * @param sizes layer widths {@code [in, hidden…, out]}
     * @param weights per layer l, {@code [sizes[l] × sizes[l+1]]}
     * @param biases per layer l, {@code [sizes[l+1]]}
     */
    public record Dense(int[] sizes, float[][] weights, float[][] biases) {
        public Dense {
            if (sizes.length < 2 || weights.length != sizes.length - 1 || biases.length != weights.length) {
                throw new IllegalArgumentException("a dense net needs layer sizes [in, …, out] and one weight and bias"
                        + " array per layer, got sizes " + Arrays.toString(sizes));
            }
            for (int l = 0; l < weights.length; l++) {
                if (weights[l].length != sizes[l] * sizes[l + 1] || biases[l].length != sizes[l + 1]) {
                    throw new IllegalArgumentException("layer " + l + " needs " + sizes[l] + "×" + sizes[l + 1]
                            + " weights and " + sizes[l + 1] + " biases");
                }
            }
        }

        /** @return input width */
        public int in() {
            return sizes[0];
        }

        /** @return output width */
        public int out() {
            return sizes[sizes.length - 1];
        }

        float[] forward(float[] x) {
            return PolicyNetworks.forward(x, sizes, weights, biases, ActorWeights.Activation.RELU);
        }
    }

    public MuZeroWeights {
        Objects.requireNonNull(representation, "representation");
        Objects.requireNonNull(dynamicsNet, "dynamicsNet");
        Objects.requireNonNull(prediction, "prediction");
        if (representation.in() != obsDim || representation.out() != latentDim || dynamicsNet.in() != latentDim + actions
                || dynamicsNet.out() != latentDim + 1 || prediction.in() != latentDim || prediction.out() != actions + 1) {
            throw new IllegalArgumentException("MuZero's networks do not fit together: representation "
                    + representation.in() + "→" + representation.out() + ", dynamics " + dynamicsNet.in() + "→"
                    + dynamicsNet.out() + ", prediction " + prediction.in() + "→" + prediction.out() + " for obsDim="
                    + obsDim + ", latentDim=" + latentDim + ", actions=" + actions);
        }
    }

    @Override
    public void represent(float[] obs, int n, float[] latent) {
        for (int r = 0; r < n; r++) {
            float[] out = representation.forward(Arrays.copyOfRange(obs, r * obsDim, (r + 1) * obsDim));
            normalise(out, 0, latentDim);
            System.arraycopy(out, 0, latent, r * latentDim, latentDim);
        }
    }

    @Override
    public void dynamics(float[] latent, int[] actionIndices, int n, float[] next, float[] rewards) {
        float[] in = new float[latentDim + actions];
        for (int r = 0; r < n; r++) {
            System.arraycopy(latent, r * latentDim, in, 0, latentDim);
            Arrays.fill(in, latentDim, latentDim + actions, 0f);
            in[latentDim + actionIndices[r]] = 1f;
            float[] out = dynamicsNet.forward(in);
            normalise(out, 0, latentDim);
            System.arraycopy(out, 0, next, r * latentDim, latentDim);
            rewards[r] = ValueTransform.inverse(out[latentDim]);
        }
    }

    @Override
    public void predict(float[] latent, int n, float[] logits, float[] values) {
        for (int r = 0; r < n; r++) {
            float[] out = prediction.forward(Arrays.copyOfRange(latent, r * latentDim, (r + 1) * latentDim));
            System.arraycopy(out, 0, logits, r * actions, actions);
            values[r] = ValueTransform.inverse(out[actions]);
        }
    }

    /**
     * Min-max normalises {@code x[offset .. offset+dim)} in place to [0, 1] (MuZero's appendix G):
     * {@code (x − min) / (max − min + 1e-5)}.
     */
    public static void normalise(float[] x, int offset, int dim) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + dim; i++) {
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        float range = max - min + RANGE_EPSILON;
        for (int i = offset; i < offset + dim; i++) {
            x[i] = (x[i] - min) / range;
        }
    }
}
