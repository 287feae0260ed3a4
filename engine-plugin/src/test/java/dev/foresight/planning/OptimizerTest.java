package dev.foresight.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.util.RandomStream;
import org.junit.jupiter.api.Test;

/** Each optimiser finds the known maximiser of a concave quadratic inside the bounds. */
class OptimizerTest {
    private static final SearchSpace SPACE = new SearchSpace(3, new float[] {-2f, -1f}, new float[] {2f, 3f});
    private static final float[] TARGET = {0.7f, 2.1f, -1.3f, 0.4f, 1.5f, -0.6f};

    /** −Σ (x − target)²: maximum 0 at the target. */
    private static final SequenceObjective QUADRATIC = (sequences, population, scores) -> {
        for (int p = 0; p < population; p++) {
            float s = 0;
            for (int i = 0; i < TARGET.length; i++) {
                float d = sequences[p * TARGET.length + i] - TARGET[i];
                s -= d * d;
            }
            scores[p] = s;
        }
    };

    private static float maxError(float[] best) {
        float max = 0;
        for (int i = 0; i < TARGET.length; i++) {
            max = Math.max(max, Math.abs(best[i] - TARGET[i]));
        }
        return max;
    }

    @Test
    void cemConvergesOnTheMaximiser() {
        CemOptimizer cem = new CemOptimizer(SPACE, new CemOptimizer.Settings(400, 40, 15, 0.1f, 1e-6f), new RandomStream(1));
        float[] best = new float[SPACE.length()];
        Optimizer.Result result = cem.optimize(QUADRATIC, SPACE.centre(), 0, best);
        assertTrue(maxError(best) < 0.05f, "CEM error " + maxError(best) + " " + java.util.Arrays.toString(best) + " iterations " + result.iterations());
        assertTrue(result.bestScore() > -0.01f);
        assertTrue(result.iterations() >= 1 && result.iterations() <= 15);
    }

    @Test
    void mppiConvergesOnTheMaximiser() {
        MppiOptimizer mppi = new MppiOptimizer(SPACE, new MppiOptimizer.Settings(300, 15, 0.01f, 0.05f, 1f), new RandomStream(2));
        float[] best = new float[SPACE.length()];
        mppi.optimize(QUADRATIC, SPACE.centre(), 0, best);
        assertTrue(maxError(best) < 0.1f, "MPPI error " + maxError(best));
    }

    @Test
    void randomShootingGetsCloseWithEnoughSamples() {
        RandomShootingOptimizer shooting = new RandomShootingOptimizer(SPACE, 4000, 5, new RandomStream(3));
        float[] best = new float[SPACE.length()];
        Optimizer.Result result = shooting.optimize(QUADRATIC, SPACE.centre(), 0, best);
        // The centre scores −Σ(target − centre)² ≈ −7.9; 20 000 uniform draws must do far better.
        assertTrue(result.bestScore() > -1.0f, "random shooting best " + result.bestScore());
        for (int i = 0; i < best.length; i++) {
            assertTrue(best[i] >= SPACE.lowAt(i) && best[i] <= SPACE.highAt(i));
        }
    }

    @Test
    void sameSeedSameAnswerAndTheDeadlineStillAllowsOneIteration() {
        float[] a = new float[SPACE.length()];
        float[] b = new float[SPACE.length()];
        new CemOptimizer(SPACE, new CemOptimizer.Settings(50, 5, 3, 0.1f, 0f), new RandomStream(9)).optimize(QUADRATIC, SPACE.centre(), 0, a);
        new CemOptimizer(SPACE, new CemOptimizer.Settings(50, 5, 3, 0.1f, 0f), new RandomStream(9)).optimize(QUADRATIC, SPACE.centre(), 0, b);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        Optimizer.Result late = new CemOptimizer(SPACE, new CemOptimizer.Settings(50, 5, 3, 0.1f, 0f), new RandomStream(9))
                .optimize(QUADRATIC, SPACE.centre(), System.nanoTime() - 1, a);
        assertEquals(1, late.iterations(), "anytime: a passed deadline still yields one iteration");
    }

    @Test
    void seedsJoinEveryPopulationSoAGoodSeedIsFoundAtOnce() {
        // One iteration of 8 candidates cannot find the target by sampling; a seed at the target is
        // scored in that iteration and returned exactly, whatever the optimiser.
        float[] seeds = new float[2 * TARGET.length];
        System.arraycopy(SPACE.centre(), 0, seeds, 0, TARGET.length);
        System.arraycopy(TARGET, 0, seeds, TARGET.length, TARGET.length);
        Optimizer[] optimizers = {
            new CemOptimizer(SPACE, new CemOptimizer.Settings(8, 2, 1, 0.1f, 0f), new RandomStream(4)),
            new MppiOptimizer(SPACE, new MppiOptimizer.Settings(8, 1, 0.01f, 0.05f, 1f), new RandomStream(4)),
            new RandomShootingOptimizer(SPACE, 8, 1, new RandomStream(4))
        };
        for (Optimizer optimizer : optimizers) {
            float[] best = new float[SPACE.length()];
            float before = optimizer.optimize(QUADRATIC, SPACE.centre(), 0, best).bestScore();
            optimizer.setSeeds(seeds, 2);
            Optimizer.Result seeded = optimizer.optimize(QUADRATIC, SPACE.centre(), 0, best);
            assertEquals(0f, seeded.bestScore(), 1e-6f, optimizer.getClass().getSimpleName() + " (unseeded " + before + ")");
            assertTrue(before < -0.5f, optimizer.getClass().getSimpleName() + " unseeded found " + before);
            optimizer.setSeeds(new float[0], 0);
            assertTrue(optimizer.optimize(QUADRATIC, SPACE.centre(), 0, best).bestScore() < -0.5f, "seeds cleared");
        }
    }
}
