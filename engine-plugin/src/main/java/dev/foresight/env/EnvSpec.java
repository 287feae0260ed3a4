package dev.foresight.env;

import java.util.Objects;

/**
 * What an agent needs to know about an environment before acting in it.
 *
 * @param name the registered name, e.g. {@code "pendulum"} (not null)
 * @param observationSpace names and bounds of the observation vector (not null)
 * @param actionSpace names and bounds of the action vector; actions outside are clipped (not null)
 * @param maxEpisodeSteps control steps after which an episode is truncated (&gt;0)
 * @param controlPeriodSeconds simulated seconds per control step (&gt;0)
 * @param rewardFunction the reward, usable on batches of imagined transitions (not null)
 * @param terminationFunction the termination test, usable on batches (not null)
 */
public record EnvSpec(String name, BoxSpace observationSpace, BoxSpace actionSpace, int maxEpisodeSteps,
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

    /** @return the action size */
    public int actionDim() {
        return actionSpace.dim();
    }
}
