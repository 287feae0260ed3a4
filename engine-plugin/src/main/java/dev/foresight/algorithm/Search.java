package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.env.EnvSpec;
import dev.foresight.search.MctsAgent;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Tree search as a run: an {@link MctsAgent} with the run's {@link RunConfig#mcts()} settings, for
 * discrete environments (the grid worlds): it learns a table model from its real steps and plans
 * every step with MCTS in it.
 */
public final class Search implements Algorithm {
    @Override
    public Agent createAgent(EnvSpec spec, RunConfig config, SplittableRandom runRandom, Path out, RunListener listener) {
        return new MctsAgent(spec, config.mcts());
    }
}
