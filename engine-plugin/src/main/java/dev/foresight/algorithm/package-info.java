/**
 * Experiments in the library: a typed, JSON-serialisable {@link dev.foresight.algorithm.RunConfig},
 * one {@link dev.foresight.algorithm.Algorithm} per agent kind ({@link dev.foresight.algorithm.Pets},
 * {@link dev.foresight.algorithm.RandomBaseline}) that builds the agent, and the loop that runs it
 * ({@link dev.foresight.algorithm.TrainingRun}: episodes, the agent's learning schedule, a
 * {@code metrics.csv} row per episode) and evaluates a saved model
 * ({@link dev.foresight.algorithm.Evaluation}). Any {@link dev.foresight.env.physics.PhysicsTask} —
 * built-in or a user's class — runs through them; the command line only parses flags and prints.
 */
package dev.foresight.algorithm;
