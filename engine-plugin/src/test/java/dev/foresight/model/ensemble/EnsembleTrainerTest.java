package dev.foresight.model.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.data.Transitions;
import dev.foresight.model.Prediction;
import dev.foresight.util.RandomStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** DJL training on a known function: it learns, it is seeded, it continues incrementally and in the background. */
class EnsembleTrainerTest {
    /** x' = x + 0.5·a − 0.1·x², two dimensions of x with noise-free targets. */
    static Transitions quadratic(int n, long seed) {
        RandomStream random = new RandomStream(seed);
        float[] obs = new float[2 * n];
        float[] action = new float[n];
        float[] next = new float[2 * n];
        for (int i = 0; i < n; i++) {
            action[i] = (float) (2 * random.nextDouble() - 1);
            for (int d = 0; d < 2; d++) {
                float x = (float) (2 * random.nextDouble() - 1);
                obs[2 * i + d] = x;
                next[2 * i + d] = x + 0.5f * action[i] - 0.1f * x * x;
            }
        }
        return new Transitions(2, 1, obs, action, new float[n], next, new boolean[n], new boolean[n]);
    }

    static EnsembleConfig small(long seed) {
        return EnsembleConfig.defaults(seed).withHiddenSizes(List.of(32, 32)).withMembers(3, 3).withMaxEpochs(40);
    }

    @Test
    void learnsAKnownFunctionAndTheSameSeedGivesTheSameWeights() {
        Transitions data = quadratic(1000, 1);
        EnsembleWeights first;
        try (EnsembleTrainer trainer = new EnsembleTrainer(small(5), 2, 1)) {
            TrainingReport report = trainer.fit(data, TrainingListener.NONE);
            assertTrue(report.validationMse()[report.elites()[0]] < 0.01,
                    "validation MSE " + java.util.Arrays.toString(report.validationMse()));
            first = trainer.weights();
            Prediction out = new Prediction(3, 1, 2);
            trainer.predict(new float[] {0.5f, -0.5f, 0.5f, -0.5f, 0.5f, -0.5f}, new float[] {1f, 1f, 1f}, 1, out);
            for (int m = 0; m < 3; m++) {
                assertEquals(0.5f + 0.5f - 0.025f, out.nextObsMean()[2 * m], 0.05f);
                assertEquals(-0.5f + 0.5f - 0.025f, out.nextObsMean()[2 * m + 1], 0.05f);
            }
        }
        try (EnsembleTrainer trainer = new EnsembleTrainer(small(5), 2, 1)) {
            trainer.fit(data, TrainingListener.NONE);
            assertArrayEquals(first.weights()[0], trainer.weights().weights()[0]);
        }
    }

    @Test
    void continuesIncrementallyInTheBackground() throws Exception {
        try (EnsembleTrainer trainer = new EnsembleTrainer(small(2).withMaxEpochs(3), 2, 1)) {
            int[] epochs = {0};
            Thread caller = Thread.currentThread();
            boolean[] onOtherThread = {false};
            TrainingListener listener = (epoch, max, loss, validation) -> {
                epochs[0]++;
                onOtherThread[0] = Thread.currentThread() != caller;
            };
            trainer.fit(quadratic(200, 1), listener);
            float[] before = trainer.weights().weights()[0];
            CompletableFuture<TrainingReport> more = trainer.fitAsync(quadratic(400, 2), listener);
            TrainingReport report = more.get();
            assertEquals(400, report.trainRows() + report.validationRows());
            assertTrue(onOtherThread[0], "training runs on the trainer's thread");
            assertTrue(epochs[0] >= 2);
            assertTrue(!java.util.Arrays.equals(before, trainer.weights().weights()[0]), "the second fit changed the weights");
        }
    }

    @Test
    void badInputIsRejected() {
        try (EnsembleTrainer trainer = new EnsembleTrainer(small(1), 2, 1)) {
            assertThrows(IllegalStateException.class, trainer::weights);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> trainer.fit(new Transitions(3, 1, new float[3], new float[1], new float[1], new float[3],
                            new boolean[1], new boolean[1]), TrainingListener.NONE));
            assertTrue(e.getMessage().contains("obsDim=3"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> EnsembleConfig.defaults(0).withMembers(3, 4));
    }
}
