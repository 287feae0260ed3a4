package dev.foresight.planning;

import dev.foresight.checkpoint.RandomStreamOwner;
import dev.foresight.util.Gaussians;
import dev.foresight.util.RandomStream;

/**
 * Model predictive path integral control (Williams et al. 2017, "Information theoretic MPC for
 * model-based reinforcement learning"), in the iterative form of mbrl-lib's {@code MPPIOptimizer}
 * (after Nagabandi et al. 2019): each iteration perturbs the mean with Gaussian noise
 * ({@code sigma} per unit of action range) that is smoothed along the horizon
 * ({@code u_t = beta·n_t + (1 − beta)·u_{t−1}}), clips to the bounds, and sets the mean to the
 * average of the candidates weighted by {@code exp((score − max score) / temperature)}.
 * Returns the final weighted mean, or the best candidate if it scored higher.
 *
 * <p>Not thread-safe. Deterministic for a given seed.
 */
public final class MppiOptimizer implements Optimizer, RandomStreamOwner {
    /**
     * @param population candidates per iteration (&ge;1)
     * @param iterations iterations (&ge;1)
     * @param temperature λ of the exponential weights (&gt;0; smaller is greedier)
     * @param sigma noise standard deviation, as a fraction of each action's range (&gt;0)
     * @param beta noise smoothing along the horizon, in (0, 1] (1 = white noise)
     */
    public record Settings(int population, int iterations, float temperature, float sigma, float beta)
            implements OptimizerSettings {
        /** Temperature 1, noise 0.3 of each range, smoothing 0.7. */
        public static Settings of(int population, int iterations) {
            return new Settings(population, iterations, 1f, 0.3f, 0.7f);
        }

        public Settings {
            if (population < 1 || iterations < 1 || !(temperature > 0) || !(sigma > 0) || !(beta > 0 && beta <= 1)) {
                throw new IllegalArgumentException("bad MPPI settings: " + population + " population, " + iterations
                        + " iterations, temperature " + temperature + ", sigma " + sigma + ", beta " + beta);
            }
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.MPPI;
        }

        @Override
        public Settings withPopulation(int newPopulation) {
            return new Settings(newPopulation, iterations, temperature, sigma, beta);
        }

        @Override
        public Settings withIterations(int newIterations) {
            return new Settings(population, newIterations, temperature, sigma, beta);
        }

        @Override
        public Optimizer create(PlanningProblem problem, RandomStream random) {
            return new MppiOptimizer(problem.space(), this, random);
        }
    }

    private final SearchSpace space;
    private final Settings settings;
    private final RandomStream random;
    private final float[] mean;
    private final float[] samples;
    private final SeedCandidates seeds;
    private final float[] scores;
    private final float[] noise;

    public MppiOptimizer(SearchSpace space, Settings settings, RandomStream random) {
        this.space = space;
        this.settings = settings;
        this.random = random;
        mean = new float[space.length()];
        samples = new float[settings.population() * space.length()];
        seeds = new SeedCandidates(space.length(), settings.population());
        scores = new float[settings.population()];
        noise = new float[space.actionDim()];
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
        int actionDim = space.actionDim();
        int population = settings.population();
        System.arraycopy(initialMean, 0, mean, 0, length);
        float bestScore = Float.NEGATIVE_INFINITY;
        IterationClock clock = new IterationClock(deadlineNanos);
        int iteration = 0;
        while (iteration < settings.iterations()) {
            clock.iterationStarted();
            for (int p = 0; p < population; p++) {
                java.util.Arrays.fill(noise, 0f);
                for (int t = 0; t < space.horizon(); t++) {
                    for (int d = 0; d < actionDim; d++) {
                        int i = t * actionDim + d;
                        float range = space.highAt(i) - space.lowAt(i);
                        float fresh = settings.sigma() * range * Gaussians.standard(random);
                        noise[d] = settings.beta() * fresh + (1 - settings.beta()) * noise[d];
                        float value = mean[i] + noise[d];
                        samples[p * length + i] = Math.min(space.highAt(i), Math.max(space.lowAt(i), value));
                    }
                }
            }
            seeds.copyInto(samples, population);
            objective.evaluate(samples, population, scores);
            iteration++;
            float max = Float.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int p = 0; p < population; p++) {
                if (scores[p] > max) {
                    max = scores[p];
                    argmax = p;
                }
            }
            if (max > bestScore || iteration == 1) {
                bestScore = max;
                System.arraycopy(samples, argmax * length, best, 0, length);
            }
            if (max == Float.NEGATIVE_INFINITY) {
                continue;
            }
            double total = 0;
            java.util.Arrays.fill(mean, 0f);
            for (int p = 0; p < population; p++) {
                double w = Math.exp((scores[p] - max) / settings.temperature());
                total += w;
                for (int i = 0; i < length; i++) {
                    mean[i] += (float) (w * samples[p * length + i]);
                }
            }
            for (int i = 0; i < length; i++) {
                mean[i] /= (float) total;
            }
            if (!clock.anotherFits()) {
                break;
            }
        }
        float meanScore = score(objective, mean);
        if (meanScore >= bestScore) {
            System.arraycopy(mean, 0, best, 0, length);
            bestScore = meanScore;
        }
        return new Result(bestScore, iteration);
    }

    private float score(SequenceObjective objective, float[] sequence) {
        // Score the mean as a population of one (reusing the sample buffer's first slot).
        System.arraycopy(sequence, 0, samples, 0, sequence.length);
        objective.evaluate(samples, 1, scores);
        return scores[0];
    }

    @Override
    public RandomStream randomStream() {
        return random;
    }
}
