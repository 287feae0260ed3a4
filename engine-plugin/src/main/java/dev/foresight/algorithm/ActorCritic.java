package dev.foresight.algorithm;

import dev.foresight.agent.ActorCriticAgent;
import dev.foresight.agent.ActorCriticConfig;
import dev.foresight.agent.Agent;
import dev.foresight.data.NpzFiles;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * SAC (model-free) and MBPO as runs (mbrl-lib's {@code algorithms/mbpo.py}): an
 * {@link ActorCriticAgent} with the run's {@link RunConfig#actorCritic()} settings — taken as they
 * are, so {@code --agent sac} and {@code --agent mbpo} differ only in the settings the command
 * line fills in ({@link ActorCriticConfig#sac} / {@link ActorCriticConfig#mbpo}) and in the name
 * written into the files. Each run leaves {@code OUT/policy.onnx} (updated after every learning
 * episode) and, for MBPO, {@code OUT/dynamics.onnx}. With a dataset, its transitions join the real
 * buffer first and count towards the random steps (a dataset of {@code randomSteps} rows or more: the
 * policy acts and learns from the first step).
 */
public final class ActorCritic implements Algorithm {
    /** The policy each run leaves in its folder. */
    public static final String POLICY_FILE = "policy.onnx";

    private final String name;

    /** @param name the algorithm's name in exported files ("sac" or "mbpo") */
    ActorCritic(String name) {
        this.name = name;
    }

    @Override
    public void checkSupports(EnvSpec spec) {
        spec.continuousActions("SAC").requireBounded("SAC");
    }

    @Override
    public Agent createAgent(EnvSpec spec, RunConfig config, RandomStream runRandom, Path out, RunListener listener)
            throws IOException {
        ActorCriticConfig settings = config.actorCritic();
        if (settings.offline() && config.dataset() == null) {
            throw new IllegalArgumentException("offline learning needs a dataset: add --dataset FILE.npz (e.g. the data.npz"
                    + " of 'train-model'), or drop --offline");
        }
        ActorCriticAgent agent = new ActorCriticAgent(spec, settings, name, out.resolve(POLICY_FILE),
                out.resolve(Pets.MODEL_FILE));
        try {
            if (config.dataset() != null) {
                Transitions offline = NpzFiles.load(Path.of(config.dataset()), spec.obsDim(), spec.actionDim());
                int stored = agent.addData(offline);
                listener.onMessage("loaded " + stored + " transitions from " + config.dataset()
                        + (settings.offline() ? "; learning from them alone (offline)" : ""));
                if (settings.offline() && stored < settings.randomSteps()) {
                    throw new IllegalArgumentException("offline learning starts once the dataset holds randomSteps = "
                            + settings.randomSteps() + " transitions, but " + config.dataset() + " has " + stored
                            + "; record more or lower --random-steps");
                }
            }
            return agent;
        } catch (IOException | RuntimeException e) {
            agent.close();
            throw e;
        }
    }
}
