package dev.foresight.model.ensemble;

/**
 * What one {@link EnsembleTrainer#fit} did.
 *
 * @param epochs epochs run
 * @param bestEpoch the epoch whose weights were kept (best validation error)
 * @param trainRows rows trained on
 * @param validationRows rows held out for early stopping
 * @param validationMse per member, validation mean-squared error of the kept weights (normalised units)
 * @param elites indices of the members kept, best first
 * @param seconds wall-clock time
 * @param samplesPerSecond training rows processed per second, all members together
 */
public record TrainingReport(int epochs, int bestEpoch, int trainRows, int validationRows, double[] validationMse,
                             int[] elites, double seconds, double samplesPerSecond) {
}
