/**
 * The PETS-style probabilistic ensemble and its training:
 * {@link dev.foresight.model.ensemble.EnsembleTrainer} trains E members as one batched computation
 * with DJL's PyTorch engine and hands its parameters over as
 * {@link dev.foresight.model.ensemble.EnsembleWeights}, which {@code dev.foresight.onnx} exports to
 * ONNX and runs in ONNX Runtime.
 *
 * <p>The ensemble predicts a Gaussian over the <em>change</em> of the observation (and, optionally,
 * the reward) from normalised inputs, as in Chua et al., "Deep Reinforcement Learning in a Handful
 * of Trials using Probabilistic Dynamics Models" (PETS, 2018).
 */
package dev.foresight.model.ensemble;
