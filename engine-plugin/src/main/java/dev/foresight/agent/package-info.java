/**
 * Agents and the loop that runs them: {@link dev.foresight.agent.Policy} (observation → action),
 * {@link dev.foresight.agent.RandomPolicy}, and {@link dev.foresight.agent.EpisodeRunner}, which
 * plays episodes and records their transitions.
 */
package dev.foresight.agent;
