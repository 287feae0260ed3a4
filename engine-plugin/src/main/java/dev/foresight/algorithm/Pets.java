package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.agent.PetsAgent;
import dev.foresight.data.NpzFiles;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * PETS (Chua et al. 2018) as a run: a {@link PetsAgent} that explores for
 * {@code randomEpisodes}, then plans with MPC on every step while its ensemble is retrained after
 * every episode; each retrained model is exported to {@code OUT/dynamics.onnx}. With a dataset,
 * the agent first trains on it and plans from episode 1.
 */
public final class Pets implements Algorithm {
    /** The model each run leaves in its folder. */
    public static final String MODEL_FILE = "dynamics.onnx";

    @Override
    public void checkSupports(EnvSpec spec) {
        spec.continuousActions("PETS").requireBounded("PETS");
    }

    @Override
    public Agent createAgent(EnvSpec spec, RunConfig config, RandomStream runRandom, Path out, RunListener listener)
            throws IOException {
        PetsAgent agent = new PetsAgent(spec, config.pets(), out.resolve(MODEL_FILE));
        try {
            if (config.dataset() != null) {
                Transitions offline = NpzFiles.load(Path.of(config.dataset()), spec.obsDim(), spec.actionDim());
                int stored = agent.addData(offline);
                listener.onMessage("loaded " + stored + " transitions from " + config.dataset() + "; planning from episode 1");
                agent.learn(TrainingListener.NONE);
            }
            return agent;
        } catch (IOException | RuntimeException e) {
            agent.close();
            throw e;
        }
    }
}
