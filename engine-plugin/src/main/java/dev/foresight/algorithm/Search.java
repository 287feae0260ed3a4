package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.env.DiscreteSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.search.EnsembleMctsAgent;
import dev.foresight.search.MctsAgent;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;

/**
 * Tree search as a run, with the run's {@link RunConfig#mcts()} settings: on a grid world (discrete
 * observations) an {@link MctsAgent}, which learns a table model from its real steps; on a task with
 * continuous observations and discrete actions (e.g. {@code cartpole-discrete}) an
 * {@link EnsembleMctsAgent}, which learns a PETS ensemble (the run's {@code pets.ensemble}
 * settings) and exports it to {@code OUT/dynamics.onnx} after every episode.
 */
public final class Search implements Algorithm {
    @Override
    public void checkSupports(EnvSpec spec) {
        spec.discreteActions("MCTS (a tree over discrete actions)");
    }

    @Override
    public Agent createAgent(EnvSpec spec, RunConfig config, RandomStream runRandom, Path out, RunListener listener) {
        if (spec.observationSpace() instanceof DiscreteSpace) {
            return new MctsAgent(spec, config.mcts());
        }
        return new EnsembleMctsAgent(spec, config.mcts(), config.pets().ensemble(), config.pets().bufferCapacity(),
                out.resolve(Pets.MODEL_FILE));
    }
}
