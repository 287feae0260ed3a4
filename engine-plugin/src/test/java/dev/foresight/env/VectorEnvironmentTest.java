package dev.foresight.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.util.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class VectorEnvironmentTest {
    private static final int ENVS = 5;
    private static final int STEPS = 230; // crosses the 200-step episode boundary

    @Test
    void resultsAreBitIdenticalWhateverTheThreadCountAndMatchSingleEnvironments() {
        List<float[]> oneThread = record(1);
        List<float[]> twoThreads = record(2);
        List<float[]> fiveThreads = record(5);
        for (int t = 0; t < oneThread.size(); t++) {
            assertArrayEquals(oneThread.get(t), twoThreads.get(t), "step " + t);
            assertArrayEquals(oneThread.get(t), fiveThreads.get(t), "step " + t);
        }
        // Environment 3 alone, seeded 11 + 3, with the same actions, gives the same rows.
        try (PhysicsEnvironment single = BuiltInTasks.environment("cartpole")) {
            float[] obs = single.reset(11 + 3);
            assertArrayEquals(slice(oneThread.get(0), 3, 5), obs);
            float[][] actions = actions();
            for (int t = 0; t < 199; t++) {
                obs = single.step(slice(actions[t], 3, 1)).observation();
                assertArrayEquals(obs, slice(oneThread.get(t + 1), 3, 5), "step " + t);
            }
        }
    }

    @Test
    void finishedEpisodesAreResetInTheSameStep() {
        try (VectorEnvironment vector = new VectorEnvironment(i -> BuiltInTasks.environment("reacher"), 3, 2)) {
            vector.reset(0);
            float[] actions = new float[3 * 2];
            for (int t = 0; t < 99; t++) {
                vector.step(actions);
                assertTrue(!vector.truncated()[0]);
            }
            float[] obs = vector.step(actions).clone();
            for (int i = 0; i < 3; i++) {
                assertTrue(vector.truncated()[i]);
            }
            // The returned rows start new episodes: different from the final observations.
            assertTrue(obs[4] != vector.finalObservations()[4] || obs[5] != vector.finalObservations()[5]);
            vector.step(actions);
            assertTrue(!vector.truncated()[0]);
        }
    }

    @Test
    void workersThatFellAsleepBetweenStepsAreWokenUp() throws Exception {
        float[] actions = {0.5f, -0.5f, 1f};
        try (VectorEnvironment vector = new VectorEnvironment(i -> BuiltInTasks.environment("pendulum"), 3, 3);
             PhysicsEnvironment single = BuiltInTasks.environment("pendulum")) {
            assertArrayEquals(single.reset(4 + 2), slice(vector.reset(4), 2, 3));
            for (int t = 0; t < 5; t++) {
                Thread.sleep(20); // longer than the spin phase: every worker parks
                float[] row = slice(vector.step(actions), 2, 3);
                assertArrayEquals(single.step(new float[] {1f}).observation(), row, "step " + t);
            }
        }
    }

    @Test
    void badCallsAreRejected() throws Exception {
        try (VectorEnvironment vector = new VectorEnvironment(i -> BuiltInTasks.environment("pendulum"), 4, 2)) {
            vector.reset(0);
            IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> vector.step(new float[3]));
            assertTrue(length.getMessage().contains("4 × 1"), length.getMessage());
            float[] nan = new float[4];
            nan[3] = Float.NaN; // environment 3 lives on the worker thread (block 2..3)
            IllegalArgumentException fromWorker = assertThrows(IllegalArgumentException.class, () -> vector.step(nan));
            assertTrue(fromWorker.getMessage().contains("NaN"), fromWorker.getMessage());
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> executor.submit(() -> vector.reset(1)).get());
                assertTrue(e.getCause() instanceof IllegalStateException);
            } finally {
                executor.shutdown();
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> new VectorEnvironment(i -> BuiltInTasks.environment("pendulum"), 2, 3));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new VectorEnvironment(i -> BuiltInTasks.environment("nope"), 2, 2));
        assertTrue(unknown.getMessage().contains("pendulum"));
    }

    private static List<float[]> record(int threads) {
        List<float[]> trajectory = new ArrayList<>();
        float[][] actions = actions();
        try (VectorEnvironment vector = new VectorEnvironment(i -> BuiltInTasks.environment("cartpole"), ENVS, threads)) {
            assertEquals(threads, vector.threads());
            trajectory.add(vector.reset(11).clone());
            for (int t = 0; t < STEPS; t++) {
                float[] obs = vector.step(actions[t]);
                float[] row = new float[obs.length + ENVS];
                System.arraycopy(obs, 0, row, 0, obs.length);
                System.arraycopy(vector.rewards(), 0, row, obs.length, ENVS);
                trajectory.add(row);
            }
        }
        return trajectory;
    }

    private static float[][] actions() {
        RandomStream random = new RandomStream(99);
        float[][] actions = new float[STEPS][ENVS];
        for (float[] row : actions) {
            for (int i = 0; i < ENVS; i++) {
                row[i] = (float) (2 * random.nextDouble() - 1);
            }
        }
        return actions;
    }

    private static float[] slice(float[] rows, int row, int width) {
        float[] out = new float[width];
        System.arraycopy(rows, row * width, out, 0, width);
        return out;
    }
}
