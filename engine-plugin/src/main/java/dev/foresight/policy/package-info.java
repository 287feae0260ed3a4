/**
 * Policies: networks that map an observation to an action, trained from real or imagined
 * experience (SAC with MBPO in {@code policy.sac}, PPO with SimPLe in {@code policy.ppo}) and shipped as {@code policy.onnx} files
 * that a game runs per agent in microseconds. {@link dev.foresight.policy.ActorWeights} is the
 * hand-over from a trainer to the exporter ({@code dev.foresight.onnx.PolicyExporter}), with a
 * reference forward pass in plain Java.
 */
package dev.foresight.policy;
