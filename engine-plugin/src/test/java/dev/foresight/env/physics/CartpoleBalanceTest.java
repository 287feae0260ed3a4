package dev.foresight.env.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.agent.RandomPolicy;
import dev.foresight.agent.RandomRollout;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.StepResult;
import dev.foresight.util.RandomStream;
import org.junit.jupiter.api.Test;

/** The terminating built-in variant: cart-pole balancing after Gymnasium's CartPole-v1. */
class CartpoleBalanceTest {
    @Test
    void isRegisteredBesideTheOtherTasks() {
        assertTrue(BuiltInTasks.names().containsAll(
                java.util.List.of("pendulum", "cartpole", "reacher", "ball", "cartpole-balance")));
        try (PhysicsEnvironment env = BuiltInTasks.environment(CartpoleTask.BALANCE_NAME)) {
            EnvSpec spec = env.spec();
            assertEquals("cartpole-balance", spec.name());
            assertEquals(500, spec.maxEpisodeSteps());
            float[] obs = env.reset(3);
            assertTrue(Math.abs(obs[0]) <= 0.05f, "starts near the centre");
            assertTrue(obs[2] > Math.cos(0.06), "starts near upright");
        }
    }

    @Test
    void terminatesUnderRandomActionsAndRefusesToStepAfterwards() {
        try (PhysicsEnvironment env = BuiltInTasks.environment(CartpoleTask.BALANCE_NAME)) {
            EnvSpec spec = env.spec();
            RandomPolicy policy = new RandomPolicy(spec.actionSpace(), new RandomStream(11));
            float[] action = new float[1];
            for (int episode = 0; episode < 5; episode++) {
                float[] obs = env.reset(100 + episode);
                StepResult last = null;
                int steps = 0;
                while (last == null || !last.done()) {
                    policy.act(obs, action);
                    last = env.step(action);
                    obs = last.observation();
                    steps++;
                    assertEquals(1f, last.reward(), 0f);
                }
                assertTrue(last.terminated(), "episode " + episode + " terminated");
                assertFalse(last.truncated(), "a terminated step is not truncated");
                assertFalse(last.physicsFailure());
                assertTrue(steps < spec.maxEpisodeSteps(), "terminated after " + steps + " steps");
                float theta = (float) Math.atan2(obs[3], obs[2]);
                assertTrue(Math.abs(theta) > Math.toRadians(12) || Math.abs(obs[0]) > 2.4f,
                        "the last observation is beyond a limit: theta=" + theta + " x=" + obs[0]);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(action));
                assertTrue(e.getMessage().contains("reset"), e.getMessage());
            }
        }
    }

    @Test
    void sameSeedGivesTheSameTrajectory() {
        String a;
        String b;
        try (PhysicsEnvironment env = BuiltInTasks.environment(CartpoleTask.BALANCE_NAME)) {
            RandomRollout.Summary summary = RandomRollout.run(env, 600, 7, null);
            assertTrue(summary.episodes() > 1, "several episodes ended");
            a = summary.obsSha256();
        }
        try (PhysicsEnvironment env = BuiltInTasks.environment(CartpoleTask.BALANCE_NAME)) {
            b = RandomRollout.run(env, 600, 7, null).obsSha256();
        }
        assertEquals(a, b);
    }

    @Test
    void theTerminationFunctionWorksOnBatchesOfImaginedStates() {
        float c12 = (float) Math.cos(Math.toRadians(11.9));
        float s12 = (float) Math.sin(Math.toRadians(11.9));
        float c13 = (float) Math.cos(Math.toRadians(12.1));
        float s13 = (float) Math.sin(Math.toRadians(12.1));
        float[] next = {
            0f, 0f, 1f, 0f, 0f, // upright
            2.3f, 5f, c12, -s12, 3f, // inside both limits
            0f, 0f, c13, s13, 0f, // leaning too far
            -2.5f, 0f, 1f, 0f, 0f, // off the track
            0f, 0f, 2 * c12, 2 * s12, 0f, // not of unit length: judged by direction
            0f, 0f, Float.NaN, 0f, 0f, // broken
        };
        boolean[] out = new boolean[6];
        EnvSpec spec = CartpoleTask.balancing().spec(0.05f);
        spec.terminationFunction().terminated(new float[30], new float[6], next, 6, out);
        assertArrayEquals(new boolean[] {false, false, true, true, false, true}, out);
    }

    @Test
    void theSwingUpTaskIsUnchanged() {
        try (PhysicsEnvironment env = BuiltInTasks.environment(CartpoleTask.NAME)) {
            assertEquals(200, env.spec().maxEpisodeSteps());
            float[] obs = env.reset(3);
            assertTrue(obs[2] < -0.99f, "the swing-up pole starts hanging down");
        }
    }
}
