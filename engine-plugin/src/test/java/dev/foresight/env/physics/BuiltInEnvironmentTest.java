package dev.foresight.env.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.BoxSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.agent.RandomRollout;
import dev.foresight.env.StepOutcome;
import dev.foresight.env.StepResult;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The contract every built-in environment keeps: specs, determinism, bad input. */
class BuiltInEnvironmentTest {
    static Iterable<String> names() {
        return BuiltInTasks.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void sameSeedGivesBitIdenticalTrajectoryAndOtherSeedsDiffer(String name) {
        String a;
        String b;
        String c;
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            a = RandomRollout.run(env, 450, 7, null).obsSha256();
        }
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            b = RandomRollout.run(env, 450, 7, null).obsSha256();
            // A used scene, reset with the same seed, must replay the same trajectory.
            assertEquals(a, RandomRollout.run(env, 450, 7, null).obsSha256(), "reused scene diverged");
        }
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            c = RandomRollout.run(env, 450, 8, null).obsSha256();
        }
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @ParameterizedTest
    @MethodSource("names")
    void trajectoryDoesNotDependOnTheThreadItRunsOn(String name) throws Exception {
        String here;
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            here = RandomRollout.run(env, 300, 3, null).obsSha256();
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<String> there = executor.submit(() -> {
                try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
                    return RandomRollout.run(env, 300, 3, null).obsSha256();
                }
            });
            assertEquals(here, there.get());
        } finally {
            executor.shutdown();
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void specIsConsistentAndObservationsStayInBounds(String name) {
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            EnvSpec spec = env.spec();
            assertEquals(name, spec.name());
            assertEquals(3 / 60f, spec.controlPeriodSeconds(), 1e-7f);
            float[] obs = env.reset(1);
            assertEquals(spec.obsDim(), obs.length);
            float[] zero = new float[spec.actionDim()];
            for (int step = 0; step < spec.maxEpisodeSteps(); step++) {
                assertInside((dev.foresight.env.BoxSpace) spec.observationSpace(), obs, 1e-3f);
                StepResult result = env.step(zero);
                assertTrue(Float.isFinite(result.reward()));
                if (result.terminated()) {
                    // Only a terminating task (cartpole-balance) ends early, as its batched test says.
                    assertFalse(result.truncated());
                    boolean[] terminated = new boolean[1];
                    spec.terminationFunction().terminated(obs, zero, result.observation(), 1, terminated);
                    assertTrue(terminated[0], "terminated at step " + step);
                    break;
                }
                assertEquals(step == spec.maxEpisodeSteps() - 1, result.truncated(), "truncation at step " + step);
                obs = result.observation();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void stepRewardEqualsTheBatchedRewardFunction(String name) {
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            EnvSpec spec = env.spec();
            int batch = 3;
            float[] obs = new float[batch * spec.obsDim()];
            float[] actions = new float[batch * spec.actionDim()];
            float[] next = new float[batch * spec.obsDim()];
            float[] stepRewards = new float[batch];
            float[] current = env.reset(5);
            for (int row = 0; row < batch; row++) {
                float[] action = new float[spec.actionDim()];
                Arrays.fill(action, spec.continuousActions("test").high(0) * (row - 1) / 2f);
                StepResult result = env.step(action);
                System.arraycopy(current, 0, obs, row * spec.obsDim(), spec.obsDim());
                System.arraycopy(action, 0, actions, row * spec.actionDim(), spec.actionDim());
                System.arraycopy(result.observation(), 0, next, row * spec.obsDim(), spec.obsDim());
                stepRewards[row] = result.reward();
                current = result.observation();
            }
            float[] batched = new float[batch];
            spec.rewardFunction().reward(obs, actions, next, batch, batched);
            assertArrayEquals(stepRewards, batched, 0f);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void actionsOutsideTheBoundsAreClipped(String name) {
        String clipped;
        String atBound;
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            env.reset(2);
            float[] huge = new float[env.spec().actionDim()];
            Arrays.fill(huge, 1e6f);
            clipped = Arrays.toString(env.step(huge).observation());
        }
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            env.reset(2);
            atBound = Arrays.toString(env.step(env.spec().continuousActions("test").high()).observation());
        }
        assertEquals(atBound, clipped);
    }

    @ParameterizedTest
    @MethodSource("names")
    void badActionsAreRejectedWithAClearMessage(String name) {
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            int dim = env.spec().actionDim();
            IllegalStateException notStarted = assertThrows(IllegalStateException.class, () -> env.step(new float[dim]));
            assertTrue(notStarted.getMessage().contains("reset"), notStarted.getMessage());
            env.reset(0);
            IllegalArgumentException wrongLength = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new float[dim + 1]));
            assertTrue(wrongLength.getMessage().contains("length " + (dim + 1) + ", expected " + dim),
                    wrongLength.getMessage());
            float[] nan = new float[dim];
            nan[dim - 1] = Float.NaN;
            IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class, () -> env.step(nan));
            assertTrue(notANumber.getMessage().contains("NaN"), notANumber.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.step(null));
            // The allocation-free form checks where the observation goes.
            StepOutcome outcome = new StepOutcome();
            int obsDim = env.spec().obsDim();
            IllegalArgumentException noRoom = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new float[dim], new float[obsDim + 1], 2, outcome));
            assertTrue(noRoom.getMessage().contains("from offset 2"), noRoom.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.step(new float[dim], null, 0, outcome));
            // The rejected calls did not advance the episode.
            assertEquals(0, env.episodeSteps());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void theAllocationFreeStepGivesTheSameTrajectory(String name) {
        try (PhysicsEnvironment byResult = BuiltInTasks.environment(name);
             PhysicsEnvironment intoArrays = BuiltInTasks.environment(name)) {
            int obsDim = byResult.spec().obsDim();
            float[] action = byResult.spec().continuousActions("test").high();
            byResult.reset(6);
            intoArrays.reset(6);
            float[] rows = new float[3 * obsDim];
            StepOutcome outcome = new StepOutcome();
            for (int step = 0; step < byResult.spec().maxEpisodeSteps(); step++) {
                StepResult expected = byResult.step(action);
                intoArrays.step(action, rows, obsDim, outcome);
                assertArrayEquals(expected.observation(), Arrays.copyOfRange(rows, obsDim, 2 * obsDim), "step " + step);
                assertEquals(expected.reward(), outcome.reward(), 0f);
                assertEquals(expected.terminated(), outcome.terminated());
                assertEquals(expected.truncated(), outcome.truncated());
                if (expected.done()) {
                    break;
                }
            }
            assertTrue(outcome.done(), "the episode should have ended");
            assertEquals(0f, rows[0], 0f); // nothing written outside the row
            assertEquals(0f, rows[2 * obsDim], 0f);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void steppingAFinishedEpisodeIsAnError(String name) {
        try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
            float[] action = new float[env.spec().actionDim()];
            env.reset(0);
            StepResult last = null;
            for (int step = 0; step < env.spec().maxEpisodeSteps(); step++) {
                last = env.step(action);
                if (last.done()) {
                    break;
                }
            }
            assertTrue(last.done());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(action));
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
            env.reset();
            env.step(action);
        }
    }

    @Test
    void usingASceneFromAnotherThreadIsAnError() throws Exception {
        try (PhysicsEnvironment env = BuiltInTasks.environment("pendulum")) {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                ExecutionException e = assertThrows(ExecutionException.class, () -> executor.submit(() -> env.reset(0)).get());
                assertTrue(e.getCause() instanceof IllegalStateException);
                assertTrue(e.getCause().getMessage().contains("one thread"), e.getCause().getMessage());
            } finally {
                executor.shutdown();
            }
        }
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuiltInTasks.create("no-such-env"));
        for (String name : BuiltInTasks.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertEquals(java.util.List.of("pendulum", "cartpole", "reacher", "ball", "cartpole-balance"),
                BuiltInTasks.names());
    }

    private static void assertInside(BoxSpace space, float[] values, float tolerance) {
        for (int i = 0; i < values.length; i++) {
            assertTrue(values[i] >= space.low(i) - tolerance && values[i] <= space.high(i) + tolerance,
                    space.name(i) + " = " + values[i] + " outside [" + space.low(i) + ", " + space.high(i) + "]");
        }
    }
}
