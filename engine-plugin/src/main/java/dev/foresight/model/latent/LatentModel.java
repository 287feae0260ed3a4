package dev.foresight.model.latent;

/**
 * MuZero's three functions, batched: what {@code dev.foresight.muzero.LatentSearch} searches with. Implemented by the
 * learner's plain-Java weights ({@link MuZeroWeights}) and by the exported ONNX files
 * ({@code dev.foresight.onnx.OnnxLatentModel}). Latents are min-max normalised to [0, 1] per row;
 * rewards and values are returns (the value transform already inverted).
 *
 * <p>Threading: implementations say; the search calls from one thread.
 */
public interface LatentModel {
    /** @return floats per (encoded) observation */
    int obsDim();

    /** @return floats per latent state */
    int latentDim();

    /** @return the number of actions */
    int actions();

    /**
     * {@code h}: encoded observations to latent states.
     *
     * @param obs {@code [n × obsDim]} (unaffected)
     * @param n rows (&ge;1)
     * @param latent storage for {@code [n × latentDim]} (overwritten)
     */
    void represent(float[] obs, int n, float[] latent);

    /**
     * {@code g}: one imagined step per row.
     *
     * @param latent {@code [n × latentDim]} (unaffected)
     * @param actions action indices, {@code [n]} (unaffected)
     * @param n rows (&ge;1)
     * @param next storage for {@code [n × latentDim]} (overwritten)
     * @param rewards storage for {@code [n]} (overwritten)
     */
    void dynamics(float[] latent, int[] actions, int n, float[] next, float[] rewards);

    /**
     * {@code f}: the policy and value of latent states.
     *
     * @param latent {@code [n × latentDim]} (unaffected)
     * @param n rows (&ge;1)
     * @param logits storage for {@code [n × actions]} (overwritten)
     * @param values storage for {@code [n]} (overwritten)
     */
    void predict(float[] latent, int n, float[] logits, float[] values);
}
