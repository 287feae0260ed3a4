package dev.foresight.experiments.stats;

import dev.foresight.util.RandomStream;
import java.util.Arrays;

/**
 * Aggregates of one score per seed (e.g. final returns): the mean with a percentile bootstrap
 * confidence interval, and the interquartile mean (IQM: the mean of the middle 50 %, the 25 %
 * trimmed mean that Agarwal et al. 2021 recommend — robust to an outlying seed, less noisy than
 * the median). Deterministic: the bootstrap draws from a stream with a fixed seed.
 */
public final class SeedStatistics {
    /** Bootstrap resamples. */
    public static final int RESAMPLES = 10_000;
    private static final long BOOTSTRAP_SEED = 0x5EED_B007L;

    private SeedStatistics() {
    }

    /**
     * @param scores one per seed (not empty, finite)
     * @return the mean
     */
    public static double mean(double[] scores) {
        requireScores(scores);
        return Arrays.stream(scores).sum() / scores.length;
    }

    /**
     * The interquartile mean: the mean of the scores between the 25th and 75th percentiles, a
     * score straddling a cut counting with the fraction inside (scipy's {@code trim_mean(x, 0.25)}
     * for n divisible by 4; rliable's IQM).
     *
     * @param scores one per seed (not empty, finite)
     * @return the IQM
     */
    public static double interquartileMean(double[] scores) {
        requireScores(scores);
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double lo = 0.25 * n;
        double hi = 0.75 * n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double weight = Math.max(0, Math.min(i + 1, hi) - Math.max(i, lo)); // overlap of [i, i+1) with [lo, hi)
            sum += weight * sorted[i];
        }
        return sum / (hi - lo);
    }

    /**
     * The percentile bootstrap confidence interval of the mean: resample the seeds with replacement
     * {@link #RESAMPLES} times, take the {@code (1 − level)/2} and {@code (1 + level)/2} quantiles of
     * the resampled means.
     *
     * @param scores one per seed (not empty, finite)
     * @param level e.g. 0.95
     * @return {low, high}; both the score itself for a single seed
     */
    public static double[] bootstrapInterval(double[] scores, double level) {
        requireScores(scores);
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        int n = scores.length;
        RandomStream random = new RandomStream(BOOTSTRAP_SEED);
        double[] means = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += scores[random.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        return new double[] {quantile(means, (1 - level) / 2), quantile(means, (1 + level) / 2)};
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static void requireScores(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no scores");
        }
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("scores must be finite, got " + Arrays.toString(scores));
            }
        }
    }
}
