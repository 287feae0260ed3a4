package dev.foresight.demo;

import dev.foresight.algorithm.RunConfig;
import dev.foresight.model.Propagation;
import dev.foresight.planning.OptimizerKind;
import dev.foresight.planning.OptimizerSettings;
import dev.foresight.planning.PlannerConfig;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The planner options shared by {@code train}, {@code evaluate} and {@code play} (a picocli mixin):
 * a preset or an earlier run's {@code config.json}, then single settings on top.
 */
final class PlannerOptions {
    @Option(names = "--planner", description = "Planner preset: default, paper, notebook, realtime, interactive, ilqr.")
    String preset;

    @Option(names = "--config", description = "A config.json written by an earlier 'train' run; flags override it.")
    Path config;

    @Option(names = "--horizon", description = "Planning horizon.")
    Integer horizon;

    @Option(names = "--population", description = "Candidates per optimiser iteration (CEM keeps 10%% as elites).")
    Integer population;

    @Option(names = "--iterations", description = "Optimiser iterations per step.")
    Integer iterations;

    @Option(names = "--optimizer", description = "cem, mppi, random or ilqr.")
    String optimizer;

    @Option(names = "--propagation", description = "ts1, tsinf or expectation.")
    String propagation;

    @Option(names = "--particles", description = "Particles per candidate.")
    Integer particles;

    @Option(names = "--risk-aversion", description = "k of the risk-sensitive score mean - k*std over particles (default 0).")
    Float riskAversion;

    /** @return the run config named by {@code --config}, or null */
    RunConfig baseConfig() throws IOException {
        return config == null ? null : RunConfig.load(config);
    }

    /**
     * @param base the settings to start from when no preset is given (not null)
     * @return the preset (or {@code base}) with every given option applied
     */
    PlannerConfig apply(PlannerConfig base) {
        PlannerConfig p = preset != null ? PlannerConfig.named(preset) : base;
        OptimizerSettings o = p.optimizer();
        if (optimizer != null) {
            OptimizerKind kind = OptimizerKind.parse(optimizer);
            if (kind != o.kind()) {
                o = kind.settings(o.population(), o.iterations());
            }
        }
        if (population != null) {
            o = o.withPopulation(population);
        }
        if (iterations != null) {
            o = o.withIterations(iterations);
        }
        p = p.withOptimizer(o);
        if (horizon != null) {
            p = p.withHorizon(horizon);
        }
        if (propagation != null) {
            p = p.withPropagation(Propagation.parse(propagation));
        }
        if (particles != null) {
            p = p.withParticles(particles);
        }
        if (riskAversion != null) {
            p = p.withRiskAversion(riskAversion);
        }
        return p;
    }
}
