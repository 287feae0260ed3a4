package dev.foresight.model;

/**
 * A learned model of how a task responds to actions: what every model kind shares. A model moves
 * <em>states</em> of {@link #stateDim()} floats under actions of {@link #actionDim()} floats —
 * observations for models of the observation ({@link ModelKind#GAUSSIAN_ENSEMBLE},
 * {@link ModelKind#TABLE}), a latent vector of the model's own for value-equivalent models
 * ({@link ModelKind#LATENT}). It is used through a {@link ModelEnvironment}, batched.
 *
 * <p>Threading: implementations are not thread-safe unless they say so; use one per thread.
 */
public interface TransitionModel extends AutoCloseable {
    /** @return the model's kind */
    ModelKind kind();

    /** @return floats per state the model moves (the observation size, or the latent size) */
    int stateDim();

    /** @return floats per action (1 for a discrete action: its index) */
    int actionDim();

    /** @return whether the model predicts rewards (else a task's reward function scores its transitions) */
    boolean predictsReward();

    @Override
    void close();
}
