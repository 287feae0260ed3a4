package dev.foresight.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.algorithm.Environments;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Distractor dimensions: appended, reproducible, moved by no action and read by no reward. */
class DistractorsTest {
    @Test
    void distractorsAreAppendedReproducibleAndIgnoredByActionsAndRewards() {
        try (Environment plain = Environments.create("cartpole-discrete");
             Environment a = Environments.create("cartpole-discrete-distract8");
             Environment b = Environments.create("cartpole-discrete-distract8")) {
            EnvSpec spec = a.spec();
            assertEquals("cartpole-discrete-distract8", spec.name());
            int inner = plain.spec().obsDim();
            assertEquals(inner + 8, spec.obsDim());
            float[] oa = a.reset(5);
            float[] ob = b.reset(5);
            float[] op = plain.reset(5);
            assertArrayEquals(oa, ob, "the same seed, the same start");
            assertArrayEquals(op, Arrays.copyOf(oa, inner), "the task's own observation is unchanged");
            for (int t = 0; t < 30; t++) {
                float[] previous = oa;
                StepResult ra = a.step(new float[] {0});
                StepResult rb = b.step(new float[] {2});
                StepResult rp = plain.step(new float[] {0});
                oa = ra.observation();
                assertArrayEquals(Arrays.copyOfRange(oa, inner, inner + 8),
                        Arrays.copyOfRange(rb.observation(), inner, inner + 8), "no action moves the distractors");
                assertEquals(rp.reward(), ra.reward(), "the reward is the task's");
                float[] scored = new float[1];
                spec.rewardFunction().reward(previous, new float[] {0}, oa, 1, scored);
                assertEquals(ra.reward(), scored[0], 1e-6f, "the spec's reward function reads the task's columns");
            }
            assertTrue(Math.abs(oa[inner]) > 0 && Math.abs(oa[inner]) < 10, "an OU process near 0: " + oa[inner]);
        }
    }

    @Test
    void aBadCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Environments.create("dyna-maze-distract4"),
                "grid observations are discrete: no box to extend");
        assertThrows(IllegalArgumentException.class, () -> Environments.check("cartpole-distract0"));
    }
}
