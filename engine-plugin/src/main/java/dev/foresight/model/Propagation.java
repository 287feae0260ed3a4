package dev.foresight.model;

/**
 * How particles move through a probabilistic ensemble during planning, as named in PETS
 * (Chua et al. 2018, section 5).
 */
public enum Propagation {
    /** TS1: each particle is re-assigned to a random member at every step; next states are sampled. */
    TS1,
    /** TS∞: each particle keeps one member for the whole horizon; next states are sampled. */
    TS_INF,
    /** Expectation: one particle per candidate, moved to the mean of every member's mean prediction. */
    EXPECTATION;

    /**
     * @param name "ts1", "tsinf" (or "ts_inf", "ts-inf"), or "expectation", case-insensitive
     * @return the mode
     * @throws IllegalArgumentException naming the known modes
     */
    public static Propagation parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "")) {
            case "ts1" -> TS1;
            case "tsinf", "tsinfinity" -> TS_INF;
            case "expectation", "mean" -> EXPECTATION;
            default -> throw new IllegalArgumentException("unknown propagation '" + name + "'; known: ts1, tsinf, expectation");
        };
    }
}
