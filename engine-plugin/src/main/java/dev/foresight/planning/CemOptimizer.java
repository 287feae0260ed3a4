package dev.foresight.planning;

import dev.foresight.checkpoint.RandomStreamOwner;
import dev.foresight.util.Gaussians;
import dev.foresight.util.RandomStream;
import java.util.Arrays;

/**
 * The cross-entropy method as used by PETS (Chua et al. 2018, appendix; Botev et al. 2013): each
 * iteration samples {@code population} sequences from a normal distribution truncated at two
 * standard deviations and to the bounds (its variance limited so that two standard deviations stay
 * inside them), keeps the {@code elites} best, and moves the mean and variance towards theirs with
 * smoothing {@code alpha} ({@code new = alpha·old + (1 − alpha)·elites}). Iterations stop early
 * when every variance falls below {@code minVariance}. Returns the best sequence scored, the final
 * mean included.
 *
 * <p>Not thread-safe. Deterministic for a given seed.
 */
public final class CemOptimizer implements Optimizer, RandomStreamOwner {
    /**
     * @param population candidates per iteration (&ge;2)
     * @param elites candidates kept (1..population)
     * @param iterations most iterations (&ge;1)
     * @param alpha smoothing of mean and variance (0 = no memory), in [0, 1)
     * @param minVariance stop when all variances fall below this (&ge;0)
     */
    public record Settings(int population, int elites, int iterations, float alpha, float minVariance)
            implements OptimizerSettings {
        /** PETS's smoothing and early stop: alpha 0.1, minimum variance 0.001. */
        public static Settings of(int population, int elites, int iterations) {
            return new Settings(population, elites, iterations, 0.1f, 0.001f);
        }

        public Settings {
            if (population < 2 || elites < 1 || elites > population || iterations < 1 || !(alpha >= 0 && alpha < 1)
                    || minVariance < 0) {
                throw new IllegalArgumentException("bad CEM settings: " + population + " population, " + elites
                        + " elites, " + iterations + " iterations, alpha " + alpha + ", min variance " + minVariance);
            }
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.CEM;
        }

        /** Another population with 10% of it as elites (at least 1). */
        @Override
        public Settings withPopulation(int newPopulation) {
            return new Settings(newPopulation, Math.max(1, newPopulation / 10), iterations, alpha, minVariance);
        }

        @Override
        public Settings withIterations(int newIterations) {
            return new Settings(population, elites, newIterations, alpha, minVariance);
        }

        @Override
        public Optimizer create(PlanningProblem problem, RandomStream random) {
            return new CemOptimizer(problem.space(), this, random);
        }
    }

    private final SearchSpace space;
    private final Settings settings;
    private final RandomStream random;
    private final float[] mean;
    private final float[] variance;
    private final float[] samples;
    private final SeedCandidates seeds;
    private final float[] noise;
    private final float[] scores;
    private final long[] keys;
    private final int[] order;

    /**
     * @param space bounds and horizon (not null)
     * @param settings CEM settings (not null)
     * @param random the sampling stream (not null; advanced by each call)
     */
    public CemOptimizer(SearchSpace space, Settings settings, RandomStream random) {
        this.space = space;
        this.settings = settings;
        this.random = random;
        int length = space.length();
        mean = new float[length];
        variance = new float[length];
        samples = new float[settings.population() * length];
        seeds = new SeedCandidates(space.length(), settings.population());
        noise = new float[settings.population() * length];
        scores = new float[settings.population()];
        keys = new long[settings.population()];
        order = new int[settings.population()];
    }

    @Override
    public void setSeeds(float[] sequences, int n) {
        seeds.set(sequences, n);
    }

    @Override
    public int population() {
        return settings.population();
    }

    @Override
    public Result optimize(SequenceObjective objective, float[] initialMean, long deadlineNanos, float[] best) {
        int length = space.length();
        int population = settings.population();
        System.arraycopy(initialMean, 0, mean, 0, length);
        for (int i = 0; i < length; i++) {
            float range = space.highAt(i) - space.lowAt(i);
            variance[i] = range * range / 16f;
        }
        float bestScore = Float.NEGATIVE_INFINITY;
        IterationClock clock = new IterationClock(deadlineNanos);
        int iteration = 0;
        while (iteration < settings.iterations()) {
            clock.iterationStarted();
            sample();
            seeds.copyInto(samples, population);
            objective.evaluate(samples, population, scores);
            iteration++;
            rankByScore(population);
            if (scores[order[0]] > bestScore || iteration == 1) {
                bestScore = scores[order[0]];
                System.arraycopy(samples, order[0] * length, best, 0, length);
            }
            refit();
            if (maxVariance() < settings.minVariance() || !clock.anotherFits()) {
                break;
            }
        }
        // The final mean (what PETS executes) competes with the best sample.
        System.arraycopy(mean, 0, samples, 0, length);
        objective.evaluate(samples, 1, scores);
        if (scores[0] >= bestScore) {
            bestScore = scores[0];
            System.arraycopy(mean, 0, best, 0, length);
        }
        return new Result(bestScore, iteration);
    }

    /**
     * Fills {@code order} with candidate indices, best score first (ties by index), without boxing:
     * each key packs the score, made sortable as a signed int and inverted, above the index.
     */
    private void rankByScore(int population) {
        for (int p = 0; p < population; p++) {
            int bits = Float.floatToIntBits(scores[p]);
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[p] = ((long) ~sortable << 32) | p;
        }
        Arrays.sort(keys, 0, population);
        for (int p = 0; p < population; p++) {
            order[p] = (int) keys[p];
        }
    }

    private void sample() {
        int length = space.length();
        Gaussians.fillTruncated(random, 2f, noise, settings.population() * length);
        int next = 0;
        for (int i = 0; i < length; i++) {
            float lowGap = mean[i] - space.lowAt(i);
            float highGap = space.highAt(i) - mean[i];
            float limit = Math.min(lowGap * lowGap, highGap * highGap) / 4f;
            float std = (float) Math.sqrt(Math.max(0f, Math.min(variance[i], limit)));
            for (int p = 0; p < settings.population(); p++) {
                float value = mean[i] + std * noise[next++];
                samples[p * length + i] = Math.min(space.highAt(i), Math.max(space.lowAt(i), value));
            }
        }
    }

    private void refit() {
        int length = space.length();
        int elites = settings.elites();
        float alpha = settings.alpha();
        for (int i = 0; i < length; i++) {
            double sum = 0;
            for (int e = 0; e < elites; e++) {
                sum += samples[order[e] * length + i];
            }
            double eliteMean = sum / elites;
            double squares = 0;
            for (int e = 0; e < elites; e++) {
                double d = samples[order[e] * length + i] - eliteMean;
                squares += d * d;
            }
            double eliteVariance = squares / elites;
            mean[i] = (float) (alpha * mean[i] + (1 - alpha) * eliteMean);
            variance[i] = (float) (alpha * variance[i] + (1 - alpha) * eliteVariance);
        }
    }

    private float maxVariance() {
        float max = 0;
        for (float v : variance) {
            max = Math.max(max, v);
        }
        return max;
    }

    @Override
    public RandomStream randomStream() {
        return random;
    }
}
