package dev.foresight.model;

/**
 * The kinds of learned model — transition models, and the policies trained with them — each with
 * the format marker its exported files carry in their metadata ({@code foresight.format}), so that
 * a loader can tell what a file holds before using it, and say so when it is the wrong kind.
 */
public enum ModelKind {
    /** A probabilistic ensemble predicting a Gaussian over the next observation (PETS); {@link DynamicsModel}. */
    GAUSSIAN_ENSEMBLE("dynamics-ensemble/1", "dynamics ensemble"),
    /** A table look-up model over discrete states and actions (counts; Dyna); {@link SamplingModel}. */
    TABLE("table/1", "table model"),
    /** A value-equivalent model in a latent space of its own (MuZero); {@link SamplingModel} over latents. */
    LATENT("latent/1", "latent model"),
    /** A policy network, observation → action ({@code dev.foresight.onnx.OnnxPolicy}); not a transition model. */
    POLICY("policy/1", "policy");

    private final String format;
    private final String noun;

    ModelKind(String format, String noun) {
        this.format = format;
        this.noun = noun;
    }

    /** @return how a person calls it, e.g. "dynamics ensemble", "policy" */
    public String noun() {
        return noun;
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
