/**
 * Value-equivalent latent models (MuZero's kind, {@link dev.foresight.model.ModelKind#LATENT}):
 * the {@link dev.foresight.model.latent.LatentModel} interface a search runs over — representation,
 * dynamics and prediction functions, batched — its plain-Java weights
 * ({@link dev.foresight.model.latent.MuZeroWeights}) and the value transform its heads are trained
 * on ({@link dev.foresight.model.latent.ValueTransform}). Trained by {@code dev.foresight.muzero};
 * exported and run in ONNX Runtime by {@code dev.foresight.onnx}.
 */
package dev.foresight.model.latent;
