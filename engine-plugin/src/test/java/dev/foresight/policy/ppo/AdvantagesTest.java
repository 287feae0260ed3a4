package dev.foresight.policy.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** GAE by hand: terminal steps are not bootstrapped, truncated ones are, invalid rows are skipped. */
class AdvantagesTest {
    private static final float G = 0.9f;
    private static final float L = 0.5f;

    @Test
    void matchesAHandComputationAcrossEpisodeEnds() {
        // Two environments, three steps. Env 0: terminates at t=1, new episode at t=2 (cut at the end:
        // bootstrapped from lastValues). Env 1: truncated at t=0 (bootstrapped from its final value),
        // then valid at t=1 and invalid at t=2.
        float[] rewards = {1, 2, 3, 4, 5, 6};
        float[] values = {10, 20, 30, 40, 50, 60};
        boolean[] terminated = {false, false, true, false, false, false};
        boolean[] truncated = {false, true, false, false, false, false};
        float[] finalValues = {0, 7, 0, 0, 0, 0};
        float[] lastValues = {8, 9};
        boolean[] valid = {true, true, true, true, true, false};
        float[] adv = new float[6];
        float[] ret = new float[6];
        Advantages.compute(3, 2, rewards, values, terminated, truncated, finalValues, lastValues, valid, G, L, adv, ret);

        // env 0: t=2 (row 4): δ = 5 + .9·8 − 50; A = δ (last step)
        float a4 = 5 + G * 8 - 50;
        // t=1 (row 2): terminated: δ = 3 − 30; no continuation
        float a2 = 3 - 30;
        // t=0 (row 0): δ = 1 + .9·30 − 10; A = δ + .9·.5·A(row 2)
        float a0 = 1 + G * 30 - 10 + G * L * a2;
        // env 1: t=2 invalid (row 5) → 0; t=1 (row 3): last valid; its next (row 5) is invalid and the
        // step is not done — treated as cut: δ = 4 + .9·60 − 40 (value of the next state), no continuation
        float a3 = 4 + G * 60 - 40;
        // t=0 (row 1): truncated: δ = 2 + .9·7 − 20; no continuation
        float a1 = 2 + G * 7 - 20;
        assertArrayEquals(new float[] {a0, a1, a2, a3, a4, 0}, adv, 1e-5f);
        assertArrayEquals(new float[] {a0 + 10, a1 + 20, a2 + 30, a3 + 40, a4 + 50, 0}, ret, 1e-5f);
    }
}
