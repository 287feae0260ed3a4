package dev.foresight.muzero;

import dev.foresight.model.latent.ValueTransform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.util.RandomStream;
import org.junit.jupiter.api.Test;

/** The K-step unroll's targets on hand-built games (values worked out by hand below). */
class UnrollBatchTest {
    private static final float GAMMA = 0.5f;

    /** o_t = [t]; actions 0, 1, 0; rewards 0, 0.5, 1; π_t = (t/4, 1 − t/4). */
    private static Game game(boolean terminated) {
        Game game = new Game(1, 2, new float[] {0});
        float[] rewards = {0f, 0.5f, 1f};
        int[] actions = {0, 1, 0};
        for (int t = 0; t < 3; t++) {
            game.add(actions[t], new float[] {t / 4f, 1 - t / 4f}, 0f, rewards[t], new float[] {t + 1});
        }
        game.finish(terminated);
        return game;
    }

    @Test
    void targetsOfAGameThatReachedATerminalState() {
        UnrollBatch batch = new UnrollBatch(1, 2, 2, GAMMA, 1, 2);
        batch.setRow(0, game(true), 1, new RandomStream(1));
        assertArrayEquals(new float[] {1}, batch.obs, "the unroll starts at o_1");
        assertArrayEquals(new int[] {1, 0}, batch.actionIndices, "a_1, a_2 are unrolled");
        assertArrayEquals(new float[] {3, 3, 3}, batch.bootstrapObs, "bootstraps at min(j + n, T) = 3");
        batch.computeTargets(new float[] {100, 100, 100}); // o_3 is terminal: never used
        // k = 0 (j = 1): 0.5 + γ·1 = 1; k = 1 (j = 2): 1; k = 2 (j = 3 = T): absorbing, 0
        assertArrayEquals(transformed(1f, 1f, 0f), batch.value, 1e-6f);
        assertArrayEquals(new float[] {1, 1, 1}, batch.valueMask);
        // rewards: none at k = 0; r_1 = 0.5 at k = 1; r_2 = 1 at k = 2
        assertArrayEquals(transformed(0f, 0.5f, 1f), batch.reward, 1e-6f);
        assertArrayEquals(new float[] {0, 1, 1}, batch.rewardMask);
        assertArrayEquals(new float[] {0.25f, 0.75f, 0.5f, 0.5f, 0.5f, 0.5f}, batch.policy, 1e-6f);
        assertArrayEquals(new float[] {1, 1, 0}, batch.policyMask, "no policy target past the end");
    }

    @Test
    void aGameCutShortBootstrapsFromItsLastObservationAndHasNoTargetsPastIt() {
        UnrollBatch batch = new UnrollBatch(1, 3, 2, GAMMA, 1, 2);
        batch.setRow(0, game(false), 0, new RandomStream(1));
        assertArrayEquals(new float[] {2, 3, 3, 3}, batch.bootstrapObs);
        batch.computeTargets(new float[] {8, 4, 4, 4}); // v(o_2) = 8, v(o_3) = 4
        // k=0 (j=0): 0 + γ·0.5 + γ²·8 = 2.25; k=1 (j=1): 0.5 + γ·1 + γ²·4 = 2; k=2 (j=2): 1 + γ·4 = 3; k=3: none
        assertArrayEquals(transformed(2.25f, 2f, 3f, 0f), batch.value, 1e-6f);
        assertArrayEquals(new float[] {1, 1, 1, 0}, batch.valueMask);
        assertArrayEquals(new float[] {0, 1, 1, 1}, batch.rewardMask, "r_0, r_1, r_2 exist");
        assertArrayEquals(transformed(0f, 0f, 0.5f, 1f), batch.reward, 1e-6f);
    }

    @Test
    void actionsPastTheEndAreDrawnAndTheReplayDrawsEveryPosition() {
        GameReplay replay = new GameReplay(100);
        replay.add(game(true));
        replay.add(game(false));
        UnrollBatch batch = new UnrollBatch(600, 5, 3, GAMMA, 1, 2);
        replay.sample(batch, new RandomStream(7));
        int[] counts = new int[3];
        for (int b = 0; b < batch.size(); b++) {
            counts[(int) batch.obs[b]]++;
        }
        for (int c : counts) {
            assertEquals(200, c, 45, "positions are drawn uniformly: " + java.util.Arrays.toString(counts));
        }
        assertEquals(6, replay.steps());
    }

    @Test
    void theValueTransformIsInvertedExactly() {
        for (float x : new float[] {-300f, -1f, -0.01f, 0f, 0.01f, 0.5f, 1f, 42f, 200f, 5000f}) {
            assertEquals(x, ValueTransform.inverse(ValueTransform.forward(x)), 1e-5f * Math.max(1f, Math.abs(x)),
                    "h⁻¹(h(" + x + "))");
        }
    }

    private static float[] transformed(float... returns) {
        float[] out = new float[returns.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ValueTransform.forward(returns[i]);
        }
        return out;
    }
}
