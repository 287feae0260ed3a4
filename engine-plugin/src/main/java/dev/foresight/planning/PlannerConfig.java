package dev.foresight.planning;

/**
 * Every setting of an MPC planner, as one typed value (serialisable to JSON for {@code config.json}).
 *
 * @param optimizer "cem", "mppi" or "random"
 * @param horizon planning horizon in control steps
 * @param population candidates per optimiser iteration
 * @param elites CEM elites
 * @param iterations optimiser iterations per control step
 * @param alpha CEM smoothing
 * @param minVariance CEM early-stop variance
 * @param temperature MPPI temperature
 * @param sigma MPPI noise, as a fraction of each action's range
 * @param beta MPPI noise smoothing along the horizon
 * @param propagation "ts1", "tsinf" or "expectation"
 * @param particles particles per candidate (TS1, TS∞)
 * @param riskAversion k of the risk-sensitive score {@code mean − k·std} (0: risk-neutral)
 */
public record PlannerConfig(String optimizer, int horizon, int population, int elites, int iterations, float alpha,
                            float minVariance, float temperature, float sigma, float beta, String propagation,
                            int particles, float riskAversion) {
    public PlannerConfig {
        if (!optimizer.equals("cem") && !optimizer.equals("mppi") && !optimizer.equals("random")) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'; known: cem, mppi, random");
        }
        Propagation.parse(propagation);
        if (horizon < 1 || population < 1 || iterations < 1 || particles < 1) {
            throw new IllegalArgumentException("horizon, population, iterations and particles must be >= 1");
        }
    }

    /** PETS's cart-pole settings: CEM 400 / 40 elites / 5 iterations, horizon 25, 20 particles TS∞. */
    public static PlannerConfig paper() {
        return new PlannerConfig("cem", 25, 400, 40, 5, 0.1f, 0.001f, 1f, 0.3f, 0.7f, "tsinf", 20, 0f);
    }

    /** mbrl-lib's PETS notebook: population 500, 50 elites, 5 iterations, horizon 15, 20 particles TS∞. */
    public static PlannerConfig notebook() {
        return new PlannerConfig("cem", 15, 500, 50, 5, 0.1f, 0.001f, 1f, 0.3f, 0.7f, "tsinf", 20, 0f);
    }

    /** Fits a 60 Hz frame on two cores: population 256, 26 elites, 3 iterations, horizon 15, 5 particles. */
    public static PlannerConfig realtime() {
        return new PlannerConfig("cem", 15, 256, 26, 3, 0.1f, 0.001f, 1f, 0.3f, 0.7f, "tsinf", 5, 0f);
    }

    /**
     * What a game plans with while it renders (the live agents' default): population 80, 8 elites,
     * 3 iterations, horizon 25 (PETS's), 5 particles TS∞, usually under a time budget. About the
     * cost of the default settings' first iteration; on pendulum a 15-step horizon with a larger
     * population learned erratically (README).
     */
    public static PlannerConfig interactive() {
        return new PlannerConfig("cem", 25, 80, 8, 3, 0.1f, 0.001f, 1f, 0.3f, 0.7f, "tsinf", 5, 0f);
    }

    /** The settings {@code train} and {@code evaluate} use unless told otherwise. */
    public static PlannerConfig defaults() {
        return new PlannerConfig("cem", 20, 200, 20, 4, 0.1f, 0.001f, 1f, 0.3f, 0.7f, "tsinf", 5, 0f);
    }

    /**
     * @param name "paper", "notebook", "realtime", "interactive" or "default"
     * @return the named settings
     */
    public static PlannerConfig named(String name) {
        return switch (name) {
            case "paper" -> paper();
            case "notebook" -> notebook();
            case "realtime" -> realtime();
            case "default" -> defaults();
            case "interactive" -> interactive();
            default -> throw new IllegalArgumentException("unknown planner config '" + name
                    + "'; known: paper, notebook, realtime, interactive, default");
        };
    }

    /** @return these settings with another horizon */
    public PlannerConfig withHorizon(int newHorizon) {
        return new PlannerConfig(optimizer, newHorizon, population, elites, iterations, alpha, minVariance, temperature, sigma,
                beta, propagation, particles, riskAversion);
    }

    /** @return the propagation mode */
    public Propagation propagationMode() {
        return Propagation.parse(propagation);
    }
}
