package dev.foresight.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.util.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class AsyncVectorEnvironmentTest {
    private static final int ENVS = 7;
    private static final int STEPS = 230; // crosses the 200-step episode boundary

    @Test
    void everyEnvironmentFollowsTheSynchronousTrajectoryWhateverTheThreadsAndBatchSize() {
        List<List<float[]>> expected = recordSynchronous();
        for (int[] setup : new int[][] {{1, 1}, {2, 2}, {2, 7}, {3, 3}, {7, 1}}) {
            List<List<float[]>> async = recordAsynchronous(setup[0], setup[1]);
            for (int i = 0; i < ENVS; i++) {
                for (int t = 0; t <= STEPS; t++) {
                    assertArrayEquals(expected.get(i).get(t), async.get(i).get(t),
                            "threads " + setup[0] + ", batch " + setup[1] + ", environment " + i + ", result " + t);
                }
            }
        }
    }

    @Test
    void sleepingWorkersAndASleepingCallerAreWokenUp() throws Exception {
        // Environments 1 and 2 live on the worker and take 5 ms a step: the caller, waiting for
        // them, spins out its 1 ms and parks; between batches the worker parks too.
        try (AsyncVectorEnvironment async = new AsyncVectorEnvironment(
                i -> new SlowEnvironment(BuiltInTasks.environment("pendulum"), i == 0 ? 0 : 5), 3, 2, 3)) {
            async.reset(4);
            int[] ids = async.recv().clone();
            for (int t = 0; t < 4; t++) {
                Thread.sleep(20);
                async.send(ids, new float[] {0.5f, -0.5f, 1f});
                ids = async.recv().clone();
                int[] sorted = ids.clone();
                Arrays.sort(sorted);
                assertArrayEquals(new int[] {0, 1, 2}, sorted);
            }
        }
    }

    @Test
    void badCallsAreRejectedAndLoseNothing() throws Exception {
        try (AsyncVectorEnvironment async = new AsyncVectorEnvironment(i -> BuiltInTasks.environment("reacher"), 4, 2, 2)) {
            async.reset(0);
            int[] ids = async.recv().clone();
            assertThrows(IllegalArgumentException.class, () -> async.send(ids, new float[3]));
            assertThrows(IllegalArgumentException.class, () -> async.send(new int[] {ids[0], ids[0]}, new float[4]));
            assertThrows(IllegalArgumentException.class, () -> async.send(new int[] {ids[0], 4}, new float[4]));
            int other = otherThan(ids);
            IllegalStateException notAwaiting = assertThrows(IllegalStateException.class,
                    () -> async.send(new int[] {ids[0], other}, new float[4]));
            assertTrue(notAwaiting.getMessage().contains("environment " + other), notAwaiting.getMessage());
            float[] nan = new float[4];
            nan[3] = Float.NaN;
            IllegalArgumentException badAction = assertThrows(IllegalArgumentException.class, () -> async.send(ids, nan));
            assertTrue(badAction.getMessage().contains("environment " + ids[1] + " action")
                    && badAction.getMessage().contains("NaN"), badAction.getMessage());
            // Nothing was sent by the failed calls: the batch can still be sent, once.
            async.send(ids, new float[4]);
            assertThrows(IllegalStateException.class, () -> async.send(ids, new float[4]));
            int[] next = async.recv().clone();
            assertEquals(2, next.length);
            // Two environments are out with the caller and none is in flight after this batch:
            async.recv();
            IllegalStateException forever = assertThrows(IllegalStateException.class, async::recv);
            assertTrue(forever.getMessage().contains("wait forever"), forever.getMessage());
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                ExecutionException e = assertThrows(ExecutionException.class, () -> executor.submit(async::recv).get());
                assertTrue(e.getCause() instanceof IllegalStateException);
            } finally {
                executor.shutdown();
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> new AsyncVectorEnvironment(i -> BuiltInTasks.environment("pendulum"), 2, 3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new AsyncVectorEnvironment(i -> BuiltInTasks.environment("pendulum"), 2, 2, 3));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new AsyncVectorEnvironment(i -> BuiltInTasks.environment("nope"), 2, 2, 1));
        assertTrue(unknown.getMessage().contains("pendulum"));
    }

    @Test
    void aFailingEnvironmentBreaksTheVectorWithItsCauseAndEveryEnvironmentIsClosedOnItsThread() {
        assertFailureBreaksTheVector(3); // stepped by the worker
        assertFailureBreaksTheVector(0); // stepped by the caller inside recv()
    }

    private static void assertFailureBreaksTheVector(int failing) {
        ConcurrentHashMap<Integer, Boolean> closedOnOwnThread = new ConcurrentHashMap<>();
        AsyncVectorEnvironment async = new AsyncVectorEnvironment(i -> new FailingEnvironment(
                BuiltInTasks.environment("ball"), i == failing ? 2 : -1, i, closedOnOwnThread), 4, 2, 4);
        async.reset(0);
        int[] ids = async.recv().clone();
        float[] actions = new float[4 * 2];
        IllegalStateException broken = assertThrows(IllegalStateException.class, () -> {
            for (int t = 0; t < 5; t++) {
                async.send(ids, actions);
                System.arraycopy(async.recv(), 0, ids, 0, 4);
            }
        });
        assertTrue(broken.getCause() instanceof ArithmeticException, String.valueOf(broken.getCause()));
        assertThrows(IllegalStateException.class, async::recv); // stays broken
        async.close();
        async.close(); // idempotent
        assertEquals(4, closedOnOwnThread.size());
        assertTrue(closedOnOwnThread.values().stream().allMatch(b -> b), closedOnOwnThread.toString());
        assertThrows(IllegalStateException.class, async::recv);
    }

    /** Rows per environment: observation followed by reward, for results 0 (reset) to STEPS. */
    private static List<List<float[]>> recordSynchronous() {
        List<List<float[]>> rows = emptyRows();
        RandomStream[] policies = policies();
        try (VectorEnvironment vector = new VectorEnvironment(i -> BuiltInTasks.environment("cartpole"), ENVS, 2)) {
            float[] obs = vector.reset(11);
            float[] actions = new float[ENVS];
            for (int t = 0; t <= STEPS; t++) {
                for (int i = 0; i < ENVS; i++) {
                    rows.get(i).add(row(obs, vector.rewards(), i, 5));
                    actions[i] = (float) (2 * policies[i].nextDouble() - 1);
                }
                obs = vector.step(actions);
            }
        }
        return rows;
    }

    private static List<List<float[]>> recordAsynchronous(int threads, int batch) {
        List<List<float[]>> rows = emptyRows();
        RandomStream[] policies = policies();
        try (AsyncVectorEnvironment async = new AsyncVectorEnvironment(i -> BuiltInTasks.environment("cartpole"),
                ENVS, threads, batch)) {
            async.reset(11);
            float[] actions = new float[batch];
            while (rows.stream().mapToInt(List::size).min().orElseThrow() <= STEPS) {
                int[] ids = async.recv();
                for (int k = 0; k < batch; k++) {
                    rows.get(ids[k]).add(row(async.observations(), async.rewards(), k, 5));
                    actions[k] = (float) (2 * policies[ids[k]].nextDouble() - 1);
                }
                async.send(ids, actions);
            }
        }
        return rows;
    }

    private static RandomStream[] policies() {
        RandomStream[] policies = new RandomStream[ENVS];
        for (int i = 0; i < ENVS; i++) {
            policies[i] = new RandomStream(1000 + i);
        }
        return policies;
    }

    private static List<List<float[]>> emptyRows() {
        List<List<float[]>> rows = new ArrayList<>();
        for (int i = 0; i < ENVS; i++) {
            rows.add(new ArrayList<>());
        }
        return rows;
    }

    private static float[] row(float[] observations, float[] rewards, int row, int width) {
        float[] out = Arrays.copyOfRange(observations, row * width, row * width + width + 1);
        out[width] = rewards[row];
        return out;
    }

    private static int otherThan(int[] ids) {
        for (int i = 0; ; i++) {
            if (i != ids[0] && i != ids[1]) {
                return i;
            }
        }
    }

    /** A real environment behind a wrapper whose step and close tests can extend. */
    private static class WrappedEnvironment implements Environment {
        final Environment inner;

        WrappedEnvironment(Environment inner) {
            this.inner = inner;
        }

        @Override
        public EnvSpec spec() {
            return inner.spec();
        }

        @Override
        public float[] reset(long seed) {
            return inner.reset(seed);
        }

        @Override
        public float[] reset() {
            return inner.reset();
        }

        @Override
        public StepResult step(float[] action) {
            return inner.step(action);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** A real environment whose steps take extra wall time. */
    private static final class SlowEnvironment extends WrappedEnvironment {
        private final long sleepMillis;

        SlowEnvironment(Environment inner, long sleepMillis) {
            super(inner);
            this.sleepMillis = sleepMillis;
        }

        @Override
        public StepResult step(float[] action) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.step(action);
        }
    }

    /** A real environment that throws at a given step and records which thread closes it. */
    private static final class FailingEnvironment extends WrappedEnvironment {
        private final int failAt;
        private final int id;
        private final ConcurrentHashMap<Integer, Boolean> closedOnOwnThread;
        private final Thread creator = Thread.currentThread();
        private int steps;

        FailingEnvironment(Environment inner, int failAt, int id, ConcurrentHashMap<Integer, Boolean> closedOnOwnThread) {
            super(inner);
            this.failAt = failAt;
            this.id = id;
            this.closedOnOwnThread = closedOnOwnThread;
        }

        @Override
        public StepResult step(float[] action) {
            if (steps++ == failAt) {
                throw new ArithmeticException("environment " + id + " failed on purpose");
            }
            return inner.step(action);
        }

        @Override
        public void close() {
            closedOnOwnThread.put(id, Thread.currentThread() == creator);
            assertSame(creator, Thread.currentThread());
            inner.close();
        }
    }
}
