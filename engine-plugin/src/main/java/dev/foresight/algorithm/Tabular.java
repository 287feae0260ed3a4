package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.env.EnvSpec;
import dev.foresight.tabular.DynaAgent;
import dev.foresight.tabular.DynaConfig;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The tabular agents as runs: a {@link DynaAgent} with the run's {@link RunConfig#dyna()} settings,
 * made into the agent its kind names — Q-learning (n forced to 0), Dyna-Q (no bonus), Dyna-Q+
 * (κ = 0.001 unless set) or prioritized sweeping. For discrete environments (the grid worlds).
 */
public final class Tabular implements Algorithm {
    @Override
    public Agent createAgent(EnvSpec spec, RunConfig config, SplittableRandom runRandom, Path out, RunListener listener) {
        if (config.dataset() != null) {
            throw new IllegalArgumentException("--agent " + config.agent().id() + " learns from its own steps and takes no"
                    + " dataset; drop --dataset");
        }
        DynaConfig d = config.dyna();
        DynaConfig settings = switch (config.agent()) {
            case Q_LEARNING -> d.withPlanningSteps(0).withKappa(0f);
            case DYNA_Q -> d.withKappa(0f);
            case DYNA_Q_PLUS -> d.kappa() > 0 ? d : d.withKappa(1e-3f);
            case PRIORITIZED_SWEEPING -> d.prioritizedSweeping() ? d : DynaConfig.prioritizedSweeping(d.planningSteps(),
                    d.seed());
            default -> throw new IllegalArgumentException(config.agent().id() + " is not a tabular agent");
        };
        return new DynaAgent(spec, settings);
    }
}
