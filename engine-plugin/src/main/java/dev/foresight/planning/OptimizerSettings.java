package dev.foresight.planning;

import dev.foresight.util.RandomStream;


/**
 * The settings of one kind of sequence optimiser — one record per optimiser, each with only its
 * own fields — and the factory of that optimiser.
 */
public sealed interface OptimizerSettings
        permits CemOptimizer.Settings, MppiOptimizer.Settings, RandomShootingOptimizer.Settings,
        IlqrOptimizer.Settings {
    /** @return which optimiser these settings are for */
    OptimizerKind kind();

    /** @return candidates scored per iteration */
    int population();

    /** @return optimiser iterations per plan */
    int iterations();

    /** @return these settings with another population (CEM keeps 10% as elites) */
    OptimizerSettings withPopulation(int population);

    /** @return these settings with another number of iterations */
    OptimizerSettings withIterations(int iterations);

    /**
     * @param problem bounds and horizon; for iLQR also the model, start and reward (not null)
     * @param random the optimiser's sampling stream (not null)
     * @return a new optimiser
     */
    Optimizer create(PlanningProblem problem, RandomStream random);
}
