package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.env.EnvSpec;
import dev.foresight.tabular.DynaAgent;
import dev.foresight.tabular.DynaConfig;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The tabular agents as runs: a {@link DynaAgent} with the run's {@link RunConfig#dyna()} settings,
 * made into the agent its kind names — Q-learning (n forced to 0), Dyna-Q (no bonus), Dyna-Q+
 * (κ = 0.001 unless set) or prioritized sweeping. For discrete environments (the grid worlds).
 * Each run leaves {@code OUT/model.npz} (every real transition, rewritten after every episode);
 * a run given {@code --dataset} such a file starts with its model.
 */
public final class Tabular implements Algorithm {
    /** The model each run leaves in its folder. */
    public static final String MODEL_FILE = "model.npz";

    @Override
    public void checkSupports(EnvSpec spec) {
        spec.discreteObservations("Dyna (a table over states)");
        spec.discreteActions("Dyna (a table over actions)");
    }

    @Override
    public Agent createAgent(EnvSpec spec, RunConfig config, RandomStream runRandom, Path out, RunListener listener)
            throws IOException {
        DynaConfig d = config.dyna();
        DynaConfig settings = switch (config.agent()) {
            case Q_LEARNING -> d.withPlanningSteps(0).withKappa(0f);
            case DYNA_Q -> d.withKappa(0f);
            case DYNA_Q_PLUS -> d.kappa() > 0 ? d : d.withKappa(1e-3f);
            case PRIORITIZED_SWEEPING -> d.prioritizedSweeping() ? d : DynaConfig.prioritizedSweeping(d.planningSteps(),
                    d.seed());
            default -> throw new IllegalArgumentException(config.agent().id() + " is not a tabular agent");
        };
        DynaAgent agent = new DynaAgent(spec, settings);
        if (config.dataset() != null) {
            int rows = agent.loadModel(Path.of(config.dataset()));
            listener.onMessage("the model starts from " + rows + " transitions of " + config.dataset());
        }
        agent.setModelFile(out.resolve(MODEL_FILE));
        return agent;
    }
}
