package dev.foresight.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.algorithm.Environments;
import dev.foresight.env.physics.BuiltInTasks;
import org.junit.jupiter.api.Test;

/** A continuous task with its force cut into levels is the same task, step for step and reward for reward. */
class DiscreteActionsTest {
    @Test
    void eachIndexAppliesItsLevelExactlyAsTheContinuousTask() {
        try (Environment discrete = Environments.create("cartpole-discrete");
             Environment continuous = BuiltInTasks.environment("cartpole")) {
            assertEquals("cartpole-discrete", discrete.spec().name());
            assertArrayEquals(new float[] {-1f, 0f, 1f}, ((DiscreteActions) discrete).levels());
            assertEquals(3, discrete.spec().actionSpace().requireDiscrete("test").n());
            assertArrayEquals(continuous.reset(5), discrete.reset(5));
            int[] indices = {2, 2, 0, 1, 2, 0, 0, 1};
            for (int index : indices) {
                StepResult d = discrete.step(new float[] {index});
                StepResult c = continuous.step(new float[] {index - 1f});
                assertArrayEquals(c.observation(), d.observation(), "action " + index);
                assertEquals(c.reward(), d.reward());
            }
            // The spec's reward function scores indices as their levels (what imagined transitions use).
            float[] obs = discrete.reset(6);
            StepResult step = discrete.step(new float[] {0f});
            float[] reward = new float[1];
            discrete.spec().rewardFunction().reward(obs, new float[] {0f}, step.observation(), 1, reward);
            assertEquals(step.reward(), reward[0], 1e-6f);
        }
        try (Environment pendulum = Environments.create("pendulum-discrete")) {
            assertArrayEquals(new float[] {-2f, -1f, 0f, 1f, 2f}, ((DiscreteActions) pendulum).levels());
        }
    }

    @Test
    void tasksThatCannotBeCutAndBadIndicesAreRefusedByName() {
        IllegalArgumentException twoForces = assertThrows(IllegalArgumentException.class,
                () -> new DiscreteActions(BuiltInTasks.environment("reacher"), 3));
        assertTrue(twoForces.getMessage().contains("reacher") && twoForces.getMessage().contains("one-component"),
                twoForces.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DiscreteActions(BuiltInTasks.environment("cartpole"), 1));
        try (Environment discrete = Environments.create("cartpole-discrete")) {
            discrete.reset(1);
            IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                    () -> discrete.step(new float[] {0.5f}));
            assertTrue(half.getMessage().contains("cartpole-discrete") && half.getMessage().contains("whole number"),
                    half.getMessage());
        }
        assertTrue(Environments.builtIn().containsAll(java.util.List.of("cartpole-discrete", "pendulum-discrete")));
    }
}
