package dev.foresight.policy.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.onnx.OnnxChecker;
import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.onnx.PolicyExporter;
import dev.foresight.onnx.PolicyMetadata;
import dev.foresight.policy.ActorWeights;
import dev.foresight.policy.CriticWeights;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PPO learns, is seeded, and ships: the exported actor is the DJL actor. */
class PpoLearnerTest {
    private static final float[] LOW = {-2f};
    private static final float[] HIGH = {2f};

    @TempDir
    Path dir;

    private static PpoConfig small(long seed) {
        return new PpoConfig(List.of(32, 32), 3e-3f, 64, 4, 0.99f, 0.95f, 0.2f, 0.5f, 0f, 0.5f, 0f, true, false, seed);
    }

    /**
     * One iteration of a one-step task (every step terminal) whose best action is 0.5·obs[0]:
     * reward {@code −(a − 0.5·o)²}, 256 parallel environments acting with the current policy.
     */
    private static PpoRollout bandit(PpoLearner learner, RandomStream random) {
        int n = 256;
        PpoRollout rollout = new PpoRollout(1, n, 2, 1);
        float[] obs = new float[2 * n];
        for (int i = 0; i < n; i++) {
            obs[2 * i] = (float) (2 * random.nextDouble() - 1);
            obs[2 * i + 1] = 1f;
        }
        float[] actions = new float[n];
        learner.act(obs, n, false, random, actions);
        float[] rewards = new float[n];
        for (int i = 0; i < n; i++) {
            float a = Math.max(-2f, Math.min(2f, actions[i]));
            rewards[i] = -(a - 0.5f * obs[2 * i]) * (a - 0.5f * obs[2 * i]);
        }
        boolean[] done = new boolean[n];
        Arrays.fill(done, true);
        rollout.record(obs, actions, rewards, done, new boolean[n], obs, null);
        return rollout;
    }

    @Test
    void learnsTheBestActionOfAOneStepTask() {
        try (PpoLearner learner = new PpoLearner(small(3), 2, LOW, HIGH)) {
            RandomStream random = new RandomStream(7);
            PpoLearner.UpdateStats first = learner.update(bandit(learner, random));
            PpoLearner.UpdateStats last = first;
            for (int i = 0; i < 150; i++) {
                last = learner.update(bandit(learner, random));
            }
            assertEquals(151 * 4 * 4, last.updates(), "4 epochs of 4 minibatches per rollout");
            assertTrue(last.valueLoss() < first.valueLoss(), first + " then " + last);
            assertTrue(learner.std()[0] < 0.6f, "the policy narrowed: σ = " + learner.std()[0]);
            float[] obs = {-0.8f, 1f, 0f, 1f, 0.8f, 1f};
            float[] action = new float[3];
            learner.act(obs, 3, true, random, action);
            for (int i = 0; i < 3; i++) {
                assertEquals(0.5f * obs[2 * i], action[i], 0.15f, "row " + i + ": " + Arrays.toString(action));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameLearner() {
        float[][] results = new float[3][];
        long[] seeds = {5, 5, 6};
        for (int k = 0; k < 3; k++) {
            try (PpoLearner learner = new PpoLearner(small(seeds[k]), 2, LOW, HIGH)) {
                RandomStream random = new RandomStream(11);
                for (int i = 0; i < 3; i++) {
                    learner.update(bandit(learner, random));
                }
                float[] action = new float[4];
                learner.act(new float[] {0.3f, 1f, -0.2f, 1f, 0.9f, 1f, 0f, 1f}, 4, false, new RandomStream(2), action);
                results[k] = action;
            }
        }
        assertArrayEquals(results[0], results[1]);
        assertTrue(results[0][0] != results[2][0], "another seed should give another learner");
    }

    @Test
    void theExportedPolicyIsTheDjlActorWithItsNormalisation() throws Exception {
        try (PpoLearner learner = new PpoLearner(small(2), 2, LOW, HIGH)) {
            RandomStream random = new RandomStream(8);
            for (int i = 0; i < 5; i++) {
                learner.update(bandit(learner, random));
            }
            ActorWeights weights = learner.actorWeights();
            assertEquals(ActorWeights.Squash.CLIP, weights.squash());
            assertTrue(weights.obsStd()[0] != 1f, "the running normalisation is exported");
            Path file = dir.resolve("policy.onnx");
            CriticWeights critic = learner.criticWeights(2.5f);
            PolicyExporter.export(weights, critic, new PolicyMetadata("bandit", List.of("o", "one"), List.of("a"), "ppo", 5,
                    Map.of()), file);
            int n = 64;
            float[] obs = new float[2 * n];
            for (int i = 0; i < obs.length; i++) {
                obs[i] = (float) random.nextGaussian();
            }
            float[] djl = new float[n];
            float[] reference = new float[n];
            float[] onnx = new float[n];
            learner.act(obs, n, true, random, djl);
            weights.act(obs, n, reference);
            float[] djlValue = new float[n];
            float[] referenceValue = new float[n];
            float[] onnxValue = new float[n];
            learner.values(obs, n, djlValue);
            critic.values(obs, null, n, referenceValue);
            try (OnnxPolicy policy = new OnnxPolicy(file)) {
                policy.act(obs, n, onnx);
                policy.values(obs, n, onnxValue);
            }
            for (int i = 0; i < n; i++) {
                float clipped = Math.max(-2f, Math.min(2f, djl[i]));
                assertEquals(clipped, reference[i], 1e-5f, "reference forward pass, row " + i);
                assertEquals(clipped, onnx[i], 1e-5f, "ONNX Runtime, row " + i);
                assertEquals(2.5f * djlValue[i], referenceValue[i], 1e-4f, "reference critic (scaled back), row " + i);
                assertEquals(2.5f * djlValue[i], onnxValue[i], 1e-4f, "ONNX Runtime critic, row " + i);
            }
            OnnxChecker.assertAccepted(file);
        }
    }

    @Test
    void badInputIsRefusedByName() {
        IllegalArgumentException settings = assertThrows(IllegalArgumentException.class,
                () -> new PpoConfig(List.of(8), 3e-4f, 64, 0, 0.99f, 0.95f, 0.2f, 0.5f, 0f, 0.5f, 0f, true, true, 1));
        assertTrue(settings.getMessage().contains("epochs=0"), settings.getMessage());
        try (PpoLearner learner = new PpoLearner(small(1), 2, LOW, HIGH)) {
            PpoRollout empty = new PpoRollout(2, 3, 2, 1);
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> learner.update(empty));
            assertTrue(none.getMessage().contains("no valid row"), none.getMessage());
            PpoRollout wrong = new PpoRollout(1, 1, 3, 1);
            assertThrows(IllegalArgumentException.class, () -> learner.update(wrong));
        }
        PpoRollout full = new PpoRollout(1, 1, 1, 1);
        full.record(new float[1], new float[1], new float[1], new boolean[1], new boolean[1], new float[1], null);
        IllegalStateException more = assertThrows(IllegalStateException.class,
                () -> full.record(new float[1], new float[1], new float[1], new boolean[1], new boolean[1], new float[1], null));
        assertTrue(more.getMessage().contains("update, then clear"), more.getMessage());
    }
}
