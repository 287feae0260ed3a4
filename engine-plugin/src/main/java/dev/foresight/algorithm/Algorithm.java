package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.env.EnvSpec;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One algorithm (mbrl-lib's {@code algorithms/pets.py} and the like): how to build its agent from a
 * {@link RunConfig}, and what its run leaves behind. {@link TrainingRun} runs the agent.
 */
public interface Algorithm {
    /**
     * Checks, without building anything, that this algorithm can run on an environment (e.g. PETS
     * needs bounded continuous actions, Dyna a grid world). A sweep skips the pairs that fail.
     *
     * @param spec the environment's spec (not null)
     * @throws IllegalArgumentException naming the environment, what this algorithm needs and what to
     *         use instead
     */
    void checkSupports(EnvSpec spec);

    /**
     * Builds the agent for a run, ready for its first episode (e.g. trained on a dataset first).
     *
     * @param spec the environment's spec (not null)
     * @param config the run (not null)
     * @param runRandom the run's random stream (seeded with the run's seed); an agent that needs a
     *                  stream of its own splits it off here, before the episodes' seeds are drawn
     * @param out the run's folder (exists)
     * @param listener where to report progress (not null)
     * @return the agent (the caller closes it)
     * @throws IOException if a file the agent needs cannot be read or written
     */
    Agent createAgent(EnvSpec spec, RunConfig config, RandomStream runRandom, Path out, RunListener listener)
            throws IOException;
}
