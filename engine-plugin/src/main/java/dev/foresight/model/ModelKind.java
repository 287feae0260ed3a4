package dev.foresight.model;

/**
 * The kinds of transition model, each with the format marker its exported files carry in their
 * metadata ({@code foresight.format}), so that a loader can tell what a file holds before using it.
 */
public enum ModelKind {
    /** A probabilistic ensemble predicting a Gaussian over the next observation (PETS); {@link DynamicsModel}. */
    GAUSSIAN_ENSEMBLE("dynamics-ensemble/1"),
    /** A table look-up model over discrete states and actions (counts; Dyna); {@link SamplingModel}. */
    TABLE("table/1"),
    /** A value-equivalent model in a latent space of its own (MuZero); {@link SamplingModel} over latents. */
    LATENT("latent/1");

    private final String format;

    ModelKind(String format) {
        this.format = format;
    }

    /** @return the format marker written into exported files' metadata */
    public String format() {
        return format;
    }

    /**
     * @param format a file's {@code foresight.format} value
     * @return the kind it marks
     * @throws IllegalArgumentException naming the known formats
     */
    public static ModelKind ofFormat(String format) {
        for (ModelKind kind : values()) {
            if (kind.format.equals(format)) {
                return kind;
            }
        }
        StringBuilder known = new StringBuilder();
        for (ModelKind kind : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(kind.format);
        }
        throw new IllegalArgumentException("unknown model format '" + format + "'; known: " + known);
    }
}
