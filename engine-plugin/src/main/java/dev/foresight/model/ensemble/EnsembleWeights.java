package dev.foresight.model.ensemble;

import dev.foresight.util.RandomStream;

/**
 * Everything needed to evaluate a trained probabilistic ensemble, independent of the training
 * library: the hand-over from {@link EnsembleTrainer} to the ONNX exporter. Arrays are row-major
 * float32 and must be treated as read-only.
 *
 * <p>The network of member m maps the normalised input {@code x = ([obs, action] − inputMean) / inputStd}
 * through layers {@code h = h·W[l][m] + b[l][m]} (SiLU between layers) to {@code 2·targetDim}
 * outputs: the normalised mean and the raw log-variance of the target
 * {@code [next_obs − obs, (reward)]}. The log-variance is soft-bounded,
 * {@code lv = max − softplus(max − raw); lv = min + softplus(lv − min)}, then both are mapped back to
 * data units: {@code mean·scale + targetMean} (scale = {@link Normalizer#outputScale()}: the
 * target's std, or 0 where the target was constant in the data) and {@code lv + 2·log(targetStd)}.
 *
 * @param members E
 * @param obsDim observation size
 * @param actionDim action size
 * @param learnsReward whether the last target column is the reward
 * @param layerSizes {@code [obsDim + actionDim, hidden…, 2·targetDim]}
 * @param weights per layer l, {@code [E × layerSizes[l] × layerSizes[l+1]]}
 * @param biases per layer l, {@code [E × layerSizes[l+1]]}
 * @param maxLogVar {@code [targetDim]}, in normalised target units
 * @param minLogVar {@code [targetDim]}, in normalised target units
 * @param inputNormalizer statistics of {@code [obs, action]}
 * @param targetNormalizer statistics of the targets
 */
public record EnsembleWeights(int members, int obsDim, int actionDim, boolean learnsReward, int[] layerSizes,
                              float[][] weights, float[][] biases, float[] maxLogVar, float[] minLogVar,
                              Normalizer inputNormalizer, Normalizer targetNormalizer) {
    /** @return the size of the target vector: obsDim, plus one if the reward is learned */
    public int targetDim() {
        return obsDim + (learnsReward ? 1 : 0);
    }

    /** @return the number of weight layers */
    public int layers() {
        return weights.length;
    }

    /**
     * An untrained ensemble: PETS-style random initial weights (truncated normal, std
     * {@code 1/(2·√fan-in)}), zero biases, identity normalisation, log-variance bounds [−10, 0.5] —
     * for benchmarks and tests that need a model of a given size.
     *
     * @param members E (&ge;1)
     * @param obsDim observation size
     * @param actionDim action size
     * @param hidden hidden layer widths
     * @param seed the weights' seed
     * @return the weights
     */
    public static EnsembleWeights random(int members, int obsDim, int actionDim, java.util.List<Integer> hidden, long seed) {
        RandomStream random = new RandomStream(seed);
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = obsDim + actionDim;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = 2 * obsDim;
        float[][] w = new float[sizes.length - 1][];
        float[][] b = new float[sizes.length - 1][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new float[members * sizes[l] * sizes[l + 1]];
            b[l] = new float[members * sizes[l + 1]];
            float std = (float) (1 / (2 * Math.sqrt(sizes[l])));
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = std * dev.foresight.util.Gaussians.truncated(random, 2f);
            }
        }
        float[] max = new float[obsDim];
        float[] min = new float[obsDim];
        java.util.Arrays.fill(max, 0.5f);
        java.util.Arrays.fill(min, -10f);
        float[] ones = new float[sizes[0]];
        java.util.Arrays.fill(ones, 1f);
        float[] onesObs = new float[obsDim];
        java.util.Arrays.fill(onesObs, 1f);
        return new EnsembleWeights(members, obsDim, actionDim, false, sizes, w, b, max, min,
                new Normalizer(new float[sizes[0]], ones, new boolean[sizes[0]]),
                new Normalizer(new float[obsDim], onesObs, new boolean[obsDim]));
    }
}
