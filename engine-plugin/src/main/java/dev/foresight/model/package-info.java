/**
 * Learned models and their uses, independent of how they are trained or run.
 * <ul>
 *   <li>{@link dev.foresight.model.TransitionModel} is what every model is: its kind
 *       ({@link dev.foresight.model.ModelKind}, also written into exported files), sizes and
 *       whether it predicts rewards. Two shapes of it: {@link dev.foresight.model.DynamicsModel}, a
 *       Gaussian ensemble over the next observation (PETS); {@link dev.foresight.model.SamplingModel},
 *       a model that samples next states itself (table look-up models, latent models).</li>
 *   <li>{@link dev.foresight.model.ModelEnvironment}: the learned model as a batched environment —
 *       the one rollout loop that planners, drawn futures, latency compensation and
 *       {@link dev.foresight.model.ModelEvaluation} go through (mbrl-lib's {@code ModelEnv}).</li>
 * </ul>
 * Training lives in {@code dev.foresight.model.ensemble} (DJL, PyTorch engine); running exported
 * models in {@code dev.foresight.onnx} (ONNX Runtime).
 */
package dev.foresight.model;
