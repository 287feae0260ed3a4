package dev.foresight.planning;

import dev.foresight.checkpoint.RandomStreamOwner;
import dev.foresight.util.RandomStream;


/**
 * Random shooting, as in the original MBRL loop of Nagabandi et al. 2018 ("Neural network dynamics
 * for model-based deep reinforcement learning with model-free fine-tuning"): sequences drawn
 * uniformly within the bounds, the best one kept. Several iterations simply draw more candidates.
 *
 * <p>Not thread-safe. Deterministic for a given seed.
 */
public final class RandomShootingOptimizer implements Optimizer, RandomStreamOwner {
    /**
     * @param population candidates per iteration (&ge;1)
     * @param iterations batches of candidates (&ge;1)
     */
    public record Settings(int population, int iterations) implements OptimizerSettings {
        public Settings {
            if (population < 1 || iterations < 1) {
                throw new IllegalArgumentException("population and iterations must be >= 1, got " + population + ", "
                        + iterations);
            }
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.RANDOM;
        }

        @Override
        public Settings withPopulation(int newPopulation) {
            return new Settings(newPopulation, iterations);
        }

        @Override
        public Settings withIterations(int newIterations) {
            return new Settings(population, newIterations);
        }

        @Override
        public Optimizer create(PlanningProblem problem, RandomStream random) {
            return new RandomShootingOptimizer(problem.space(), population, iterations, random);
        }
    }

    private final SearchSpace space;
    private final int population;
    private final int iterations;
    private final RandomStream random;
    private final float[] samples;
    private final SeedCandidates seeds;
    private final float[] scores;

    /**
     * @param space bounds and horizon (not null)
     * @param population candidates per iteration (&ge;1)
     * @param iterations batches of candidates (&ge;1)
     * @param random the sampling stream (not null)
     */
    public RandomShootingOptimizer(SearchSpace space, int population, int iterations, RandomStream random) {
        if (population < 1 || iterations < 1) {
            throw new IllegalArgumentException("population and iterations must be >= 1, got " + population + ", " + iterations);
        }
        this.space = space;
        this.population = population;
        this.iterations = iterations;
        this.random = random;
        samples = new float[population * space.length()];
        seeds = new SeedCandidates(space.length(), population);
        scores = new float[population];
    }

    @Override
    public void setSeeds(float[] sequences, int n) {
        seeds.set(sequences, n);
    }

    @Override
    public int population() {
        return population;
    }

    @Override
    public Result optimize(SequenceObjective objective, float[] initialMean, long deadlineNanos, float[] best) {
        int length = space.length();
        float bestScore = Float.NEGATIVE_INFINITY;
        IterationClock clock = new IterationClock(deadlineNanos);
        int iteration = 0;
        while (iteration < iterations) {
            clock.iterationStarted();
            for (int p = 0; p < population; p++) {
                for (int i = 0; i < length; i++) {
                    float low = space.lowAt(i);
                    samples[p * length + i] = (float) (low + (space.highAt(i) - low) * random.nextDouble());
                }
            }
            if (iteration == 0) {
                System.arraycopy(initialMean, 0, samples, 0, length); // the warm start competes too
            }
            seeds.copyInto(samples, population);
            objective.evaluate(samples, population, scores);
            iteration++;
            for (int p = 0; p < population; p++) {
                if (scores[p] > bestScore || (iteration == 1 && p == 0)) {
                    bestScore = scores[p];
                    System.arraycopy(samples, p * length, best, 0, length);
                }
            }
            if (!clock.anotherFits()) {
                break;
            }
        }
        return new Result(bestScore, iteration);
    }

    @Override
    public RandomStream randomStream() {
        return random;
    }
}
