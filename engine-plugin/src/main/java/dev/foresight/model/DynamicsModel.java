package dev.foresight.model;

/**
 * A probabilistic ensemble ({@link ModelKind#GAUSSIAN_ENSEMBLE}): for a batch of (observation,
 * action) pairs per ensemble member, the Gaussian over the next observation (and the reward, if
 * learned). {@link ModelEnvironment} moves particles through it as PETS describes (TS1, TS∞,
 * expectation).
 *
 * <p>Shapes are row-major float32 with the member index first: inputs {@code obs [E × n × obsDim]}
 * and {@code action [E × n × actionDim]}; outputs in a {@link Prediction} of capacity &ge; n.
 * A model with a single member (E = 1) is a deterministic or single-network model.
 *
 * <p>Threading: implementations are not thread-safe unless they say so; use one per thread.
 */
public interface DynamicsModel extends TransitionModel {
    /** @return the observation size */
    int obsDim();

    /** @return {@link ModelKind#GAUSSIAN_ENSEMBLE} */
    @Override
    default ModelKind kind() {
        return ModelKind.GAUSSIAN_ENSEMBLE;
    }

    /** @return the observation size: the ensemble moves observations */
    @Override
    default int stateDim() {
        return obsDim();
    }

    /** @return the action size */
    @Override
    int actionDim();

    /** @return the number of ensemble members E (&ge;1) */
    int ensembleSize();

    /** @return whether {@link Prediction#rewardMean()} is filled */
    @Override
    boolean predictsReward();

    /**
     * @param obs {@code [E × n × obsDim]} (unaffected)
     * @param action {@code [E × n × actionDim]} (unaffected)
     * @param n rows per member (&ge;1, &le; the prediction's capacity)
     * @param out storage for the results (modified)
     * @throws IllegalArgumentException if an array is too short for {@code n}
     */
    void predict(float[] obs, float[] action, int n, Prediction out);

    /**
     * A second, independent instance of the same model, for another thread (e.g. a planner that
     * splits its population over threads). The caller owns and closes it.
     *
     * @return the copy
     * @throws UnsupportedOperationException if this kind of model cannot be duplicated
     */
    default DynamicsModel duplicate() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be duplicated; plan with one shard");
    }

    @Override
    void close();
}
