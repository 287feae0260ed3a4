/**
 * Learned dynamics. {@link dev.foresight.model.DynamicsModel} is the small interface planners use;
 * {@link dev.foresight.model.EnsembleTrainer} trains a PETS-style probabilistic ensemble with DJL's
 * PyTorch engine and hands its parameters over as {@link dev.foresight.model.EnsembleWeights},
 * which {@code dev.foresight.onnx} exports to ONNX and runs in ONNX Runtime.
 *
 * <p>The ensemble predicts a Gaussian over the <em>change</em> of the observation (and, optionally,
 * the reward) from normalised inputs, as in Chua et al., "Deep Reinforcement Learning in a Handful
 * of Trials using Probabilistic Dynamics Models" (PETS, 2018).
 */
package dev.foresight.model;
