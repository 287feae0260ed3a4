package dev.foresight.model.ensemble;

/** Hooks into ensemble training; called on the trainer's thread. */
@FunctionalInterface
public interface TrainingListener {
    /** Ignores every event. */
    TrainingListener NONE = (epoch, maxEpochs, trainLoss, validationMse) -> { };

    /**
     * After each epoch.
     *
     * @param epoch the epoch just finished (1-based)
     * @param maxEpochs the most epochs this fit may run
     * @param trainLoss mean training loss of the epoch (Gaussian NLL plus bound and weight penalties)
     * @param validationMse mean over members of the validation mean-squared error in normalised target
     *                      units (NaN without validation rows)
     */
    void onEpoch(int epoch, int maxEpochs, double trainLoss, double validationMse);
}
