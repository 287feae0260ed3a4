package dev.foresight.model;

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
}
