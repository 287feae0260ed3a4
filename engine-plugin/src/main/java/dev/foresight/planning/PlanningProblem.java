package dev.foresight.planning;

import dev.foresight.env.RewardFunction;
import java.util.Objects;

/**
 * What an optimiser is built for: the action bounds and horizon, and — for optimisers that look
 * inside the model rather than only score sequences (iLQR) — the objective's model and start state
 * and the task's reward.
 *
 * @param space the horizon and action bounds (not null)
 * @param rollouts the planner's objective: its {@link RolloutObjective#model()} and
 *                 {@link RolloutObjective#start()} are read at every optimisation (not null)
 * @param reward the task's reward (not null)
 */
public record PlanningProblem(SearchSpace space, RolloutObjective rollouts, RewardFunction reward) {
    public PlanningProblem {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(rollouts, "rollouts");
        Objects.requireNonNull(reward, "reward");
    }
}
