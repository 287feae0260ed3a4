package dev.foresight.planning;

import java.util.Locale;

/** The sequence optimisers a planner can use. */
public enum OptimizerKind {
    /** The cross-entropy method ({@link CemOptimizer}). */
    CEM,
    /** Model-predictive path integral control ({@link MppiOptimizer}). */
    MPPI,
    /** Random shooting ({@link RandomShootingOptimizer}). */
    RANDOM,
    /** Iterative LQR on the model's mean and the reward's expansion ({@link IlqrOptimizer}). */
    ILQR;

    /** @return the lower-case name used on the command line and in {@code config.json} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Default settings of this optimiser for a population and a number of iterations.
     *
     * @param population candidates per iteration
     * @param iterations iterations per plan
     * @return the settings (CEM: 10% elites, alpha 0.1; MPPI: temperature 1, sigma 0.3, beta 0.7;
     *         iLQR: its defaults with these iterations — a sampling population does not carry over
     *         to iLQR's warm start)
     */
    public OptimizerSettings settings(int population, int iterations) {
        return switch (this) {
            case CEM -> CemOptimizer.Settings.of(population, Math.max(1, population / 10), iterations);
            case MPPI -> MppiOptimizer.Settings.of(population, iterations);
            case RANDOM -> new RandomShootingOptimizer.Settings(population, iterations);
            case ILQR -> IlqrOptimizer.Settings.defaults().withIterations(iterations);
        };
    }

    /**
     * @param name "cem", "mppi", "random" or "ilqr", case-insensitive
     * @return the kind
     * @throws IllegalArgumentException naming the known kinds
     */
    public static OptimizerKind parse(String name) {
        for (OptimizerKind kind : values()) {
            if (kind.id().equals(name.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: cem, mppi, random, ilqr");
    }
}
