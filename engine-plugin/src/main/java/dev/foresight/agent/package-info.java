/**
 * Agents: {@link dev.foresight.agent.Agent} (begin an episode, act, observe a transition, end the
 * episode, learn when its schedule says so) and its implementations —
 * {@link dev.foresight.agent.PetsAgent} (lock-step PETS), {@link dev.foresight.agent.PolicyAgent}
 * (a fixed {@link dev.foresight.agent.Policy}: random, or MPC with a saved model) and
 * {@link dev.foresight.agent.LiveAgent}, the real-time shell a game runs any agent in: a
 * {@link dev.foresight.agent.DecisionMaker} and a {@link dev.foresight.agent.Learner} on threads of
 * their own ({@link dev.foresight.agent.LivePets} plugs in PETS's). {@link dev.foresight.agent.EpisodeRunner}
 * plays an episode of any agent in an environment.
 */
package dev.foresight.agent;
