package dev.foresight.env;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What an agent needs to know about an environment before acting in it.
 *
 * @param name the registered name, e.g. {@code "pendulum"} (not null)
 * @param observationSpace names and values of the observation vector (not null)
 * @param actionSpace names and values of the action vector, with its one validation rule (a box
 *                    clips, a discrete space refuses anything but an index; not null)
 * @param maxEpisodeSteps control steps after which an episode is truncated (&gt;0)
 * @param controlPeriodSeconds simulated seconds per control step (&gt;0)
 * @param rewardFunction the reward, usable on batches of imagined transitions (not null)
 * @param terminationFunction the termination test, usable on batches (not null)
 */
public record EnvSpec(String name, Space observationSpace, Space actionSpace, int maxEpisodeSteps,
                      float controlPeriodSeconds, RewardFunction rewardFunction,
                      TerminationFunction terminationFunction) {
    public EnvSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(observationSpace, "observationSpace");
        Objects.requireNonNull(actionSpace, "actionSpace");
        Objects.requireNonNull(rewardFunction, "rewardFunction");
        Objects.requireNonNull(terminationFunction, "terminationFunction");
        if (maxEpisodeSteps <= 0) {
            throw new IllegalArgumentException("maxEpisodeSteps must be > 0, got " + maxEpisodeSteps);
        }
        if (!(controlPeriodSeconds > 0)) {
            throw new IllegalArgumentException("controlPeriodSeconds must be > 0, got " + controlPeriodSeconds);
        }
    }

    /** @return the observation size */
    public int obsDim() {
        return observationSpace.dim();
    }

    /** @return the action size (floats per action) */
    public int actionDim() {
        return actionSpace.dim();
    }

    /**
     * @param who the agent or planner that needs continuous actions, for the error message
     * @return the action box
     * @throws IllegalArgumentException naming this environment if its actions are not a box
     */
    public BoxSpace continuousActions(String who) {
        return named(() -> actionSpace.requireBox(who));
    }

    /**
     * @param who the agent that needs discrete actions, for the error message
     * @return the action space
     * @throws IllegalArgumentException naming this environment if its actions are not discrete
     */
    public DiscreteSpace discreteActions(String who) {
        return named(() -> actionSpace.requireDiscrete(who));
    }

    /**
     * @param who the agent that needs discrete observations (a table over states), for the error message
     * @return the observation space
     * @throws IllegalArgumentException naming this environment if its observations are not discrete
     */
    public DiscreteSpace discreteObservations(String who) {
        return named(() -> observationSpace.requireDiscrete(who));
    }

    /** Runs a space check, putting this environment's name in front of its error. */
    private <T> T named(Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
