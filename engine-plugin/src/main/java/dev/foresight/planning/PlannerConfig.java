package dev.foresight.planning;

import dev.foresight.model.Propagation;
import java.util.Objects;

/**
 * Every setting of an MPC planner, as one typed value: the optimiser's own settings (one record
 * per optimiser), the horizon, and how particles move through the ensemble. Serialised to JSON in
 * {@code config.json} (see {@code dev.foresight.algorithm.RunConfig}).
 *
 * @param horizon planning horizon in control steps (&ge;1)
 * @param optimizer the sequence optimiser and its settings (not null)
 * @param propagation how particles move through the ensemble (not null)
 * @param particles particles per candidate (TS1, TS∞; &ge;1)
 * @param riskAversion k of the risk-sensitive score {@code mean − k·std} (0: risk-neutral, &ge;0)
 */
public record PlannerConfig(int horizon, OptimizerSettings optimizer, Propagation propagation, int particles,
                            float riskAversion) {
    public PlannerConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(propagation, "propagation");
        if (horizon < 1 || particles < 1) {
            throw new IllegalArgumentException("horizon and particles must be >= 1, got " + horizon + " and " + particles);
        }
        if (!(riskAversion >= 0)) {
            throw new IllegalArgumentException("riskAversion must be >= 0, got " + riskAversion);
        }
    }

    private static PlannerConfig cem(int horizon, int population, int elites, int iterations, int particles) {
        return new PlannerConfig(horizon, CemOptimizer.Settings.of(population, elites, iterations), Propagation.TS_INF,
                particles, 0f);
    }

    /** PETS's cart-pole settings: CEM 400 / 40 elites / 5 iterations, horizon 25, 20 particles TS∞. */
    public static PlannerConfig paper() {
        return cem(25, 400, 40, 5, 20);
    }

    /** mbrl-lib's PETS notebook: population 500, 50 elites, 5 iterations, horizon 15, 20 particles TS∞. */
    public static PlannerConfig notebook() {
        return cem(15, 500, 50, 5, 20);
    }

    /** Fits a 60 Hz frame on two cores: population 256, 26 elites, 3 iterations, horizon 15, 5 particles. */
    public static PlannerConfig realtime() {
        return cem(15, 256, 26, 3, 5);
    }

    /**
     * What a game plans with while it renders (the live agents' default): population 80, 8 elites,
     * 3 iterations, horizon 25 (PETS's), 5 particles TS∞, usually under a time budget. About the
     * cost of the default settings' first iteration; on pendulum a 15-step horizon with a larger
     * population learned erratically (docs/benchmarks.md).
     */
    public static PlannerConfig interactive() {
        return cem(25, 80, 8, 3, 5);
    }

    /** The settings {@code train} and {@code evaluate} use unless told otherwise: CEM 200/20 × 4, horizon 20, 5 particles TS∞. */
    public static PlannerConfig defaults() {
        return cem(20, 200, 20, 4, 5);
    }

    /**
     * iLQR ({@link IlqrOptimizer}) on the ensemble's mean: horizon 20, three iterations after a
     * warm start picked among itself and 15 perturbations. Expectation propagation: the objective's
     * particles are not used by iLQR, which rolls the mean itself.
     */
    public static PlannerConfig ilqr() {
        return new PlannerConfig(20, IlqrOptimizer.Settings.defaults(), Propagation.EXPECTATION, 1, 0f);
    }

    /** The preset names {@link #named} knows. */
    public static final java.util.List<String> PRESETS = java.util.List.of("default", "paper", "notebook", "realtime",
            "interactive", "ilqr");

    /**
     * @param name "paper", "notebook", "realtime", "interactive", "ilqr" or "default"
     * @return the named settings
     */
    public static PlannerConfig named(String name) {
        return switch (name) {
            case "paper" -> paper();
            case "notebook" -> notebook();
            case "realtime" -> realtime();
            case "default" -> defaults();
            case "interactive" -> interactive();
            case "ilqr" -> ilqr();
            default -> throw new IllegalArgumentException("unknown planner config '" + name
                    + "'; known: " + String.join(", ", PRESETS));
        };
    }

    /** @return these settings with another horizon */
    public PlannerConfig withHorizon(int newHorizon) {
        return new PlannerConfig(newHorizon, optimizer, propagation, particles, riskAversion);
    }

    /** @return these settings with another optimiser */
    public PlannerConfig withOptimizer(OptimizerSettings newOptimizer) {
        return new PlannerConfig(horizon, newOptimizer, propagation, particles, riskAversion);
    }

    /** @return these settings with another propagation */
    public PlannerConfig withPropagation(Propagation newPropagation) {
        return new PlannerConfig(horizon, optimizer, newPropagation, particles, riskAversion);
    }

    /** @return these settings with another number of particles */
    public PlannerConfig withParticles(int newParticles) {
        return new PlannerConfig(horizon, optimizer, propagation, newParticles, riskAversion);
    }

    /** @return these settings with another risk aversion */
    public PlannerConfig withRiskAversion(float newRiskAversion) {
        return new PlannerConfig(horizon, optimizer, propagation, particles, newRiskAversion);
    }
}
