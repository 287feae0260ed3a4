package dev.foresight.model.ensemble;

import java.util.List;

/**
 * Settings of a probabilistic ensemble and its training. Defaults follow PETS / mbrl-lib.
 *
 * @param members networks trained (default 5)
 * @param elites networks kept, the best by validation error (default = members, i.e. all; MBPO uses 7 / 5)
 * @param hiddenSizes hidden layer widths, SiLU after each (default 200, 200, 200)
 * @param learnReward also predict the reward (default false: tasks give their reward function)
 * @param learningRate Adam's step size (default 1e-3)
 * @param weightDecay L2 penalty on the weights, added to the loss as {@code decay/2·‖W‖²} (default 5e-5)
 * @param batchSize rows per member per update (default 32)
 * @param maxEpochs the most passes over the data per fit (default 200)
 * @param patience epochs without a 1% improvement of the validation error before stopping (default 8)
 * @param validationFraction share of rows held out for early stopping and elite choice (default 0.1)
 * @param seed seed of initialisation, splits, bootstraps and shuffles
 */
public record EnsembleConfig(int members, int elites, List<Integer> hiddenSizes, boolean learnReward,
                             float learningRate, float weightDecay, int batchSize, int maxEpochs, int patience,
                             double validationFraction, long seed) {
    public EnsembleConfig {
        hiddenSizes = List.copyOf(hiddenSizes);
        if (members < 1 || elites < 1 || elites > members) {
            throw new IllegalArgumentException("need 1 <= elites <= members, got elites=" + elites + " members=" + members);
        }
        if (hiddenSizes.isEmpty() || hiddenSizes.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hiddenSizes must be positive and non-empty, got " + hiddenSizes);
        }
        if (!(learningRate > 0) || weightDecay < 0 || batchSize < 1 || maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("need learningRate > 0, weightDecay >= 0, batchSize, maxEpochs, patience >= 1");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
    }

    /** @return PETS's defaults with the given seed */
    public static EnsembleConfig defaults(long seed) {
        return new EnsembleConfig(5, 5, List.of(200, 200, 200), false, 1e-3f, 5e-5f, 32, 200, 8, 0.1, seed);
    }

    /** @return a copy with other hidden sizes */
    public EnsembleConfig withHiddenSizes(List<Integer> sizes) {
        return new EnsembleConfig(members, elites, sizes, learnReward, learningRate, weightDecay, batchSize, maxEpochs,
                patience, validationFraction, seed);
    }

    /** @return a copy with another ensemble size and elite count */
    public EnsembleConfig withMembers(int newMembers, int newElites) {
        return new EnsembleConfig(newMembers, newElites, hiddenSizes, learnReward, learningRate, weightDecay, batchSize,
                maxEpochs, patience, validationFraction, seed);
    }

    /** @return a copy with another epoch limit */
    public EnsembleConfig withMaxEpochs(int epochs) {
        return new EnsembleConfig(members, elites, hiddenSizes, learnReward, learningRate, weightDecay, batchSize, epochs,
                patience, validationFraction, seed);
    }

    /** @return a copy with another seed */
    public EnsembleConfig withSeed(long newSeed) {
        return new EnsembleConfig(members, elites, hiddenSizes, learnReward, learningRate, weightDecay, batchSize, maxEpochs,
                patience, validationFraction, newSeed);
    }

    /** @return a copy with another early-stopping patience (in epochs) */
    public EnsembleConfig withPatience(int epochs) {
        return new EnsembleConfig(members, elites, hiddenSizes, learnReward, learningRate, weightDecay, batchSize, maxEpochs,
                epochs, validationFraction, seed);
    }

    /** @return a copy that does or does not learn the reward */
    public EnsembleConfig withLearnReward(boolean learn) {
        return new EnsembleConfig(members, elites, hiddenSizes, learn, learningRate, weightDecay, batchSize, maxEpochs,
                patience, validationFraction, seed);
    }
}
