package dev.foresight.policy.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.data.TransitionBatch;
import dev.foresight.onnx.OnnxChecker;
import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.onnx.PolicyExporter;
import dev.foresight.onnx.PolicyMetadata;
import dev.foresight.policy.ActorWeights;
import dev.foresight.policy.CriticWeights;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAC learns, is seeded, and ships: the exported actor is the DJL actor. */
class SacLearnerTest {
    private static final float[] LOW = {-2f};
    private static final float[] HIGH = {2f};

    @TempDir
    Path dir;

    private static SacConfig small(long seed) {
        return new SacConfig(List.of(32, 32), 3e-3f, 64, 0.99f, 0.01f, 1, true, 0.1f, Float.NaN, seed);
    }

    /**
     * A one-step task (every transition terminal) whose best action is 0.5·obs[0]: reward
     * {@code −(a − 0.5·o)²}. The critic must learn the reward, the actor must climb it.
     */
    private static void bandit(TransitionBatch b, RandomStream random) {
        for (int i = 0; i < b.size; i++) {
            float o = (float) (2 * random.nextDouble() - 1);
            float a = (float) (4 * random.nextDouble() - 2);
            b.obs[2 * i] = o;
            b.obs[2 * i + 1] = 1f;
            b.action[i] = a;
            b.reward[i] = -(a - 0.5f * o) * (a - 0.5f * o);
            b.nextObs[2 * i] = o;
            b.nextObs[2 * i + 1] = 1f;
            b.terminated[i] = 1f;
        }
    }

    @Test
    void learnsTheBestActionOfAOneStepTask() {
        try (SacLearner learner = new SacLearner(small(3), 2, LOW, HIGH)) {
            SacLearner.UpdateStats first = learner.update(50, SacLearnerTest::bandit);
            SacLearner.UpdateStats last = learner.update(1500, SacLearnerTest::bandit);
            assertEquals(1550, last.updates());
            assertTrue(last.criticLoss() < first.criticLoss() / 4, first + " then " + last);
            float[] obs = {-0.8f, 1f, 0f, 1f, 0.8f, 1f};
            float[] action = new float[3];
            learner.act(obs, 3, true, new RandomStream(1), action);
            for (int i = 0; i < 3; i++) {
                assertEquals(0.5f * obs[2 * i], action[i], 0.15f, "row " + i + ": " + java.util.Arrays.toString(action));
            }
            // The temperature is steered towards the target entropy −1: from 0.1 it must have moved.
            assertNotEquals(0.1, last.temperature(), 1e-3);
        }
    }

    @Test
    void theSameSeedGivesTheSameLearner() {
        float[][] results = new float[3][];
        long[] seeds = {5, 5, 6};
        for (int k = 0; k < 3; k++) {
            try (SacLearner learner = new SacLearner(small(seeds[k]), 2, LOW, HIGH)) {
                RandomStream data = new RandomStream(11);
                learner.update(30, (b, r) -> bandit(b, data));
                float[] action = new float[4];
                learner.act(new float[] {0.3f, 1f, -0.2f, 1f, 0.9f, 1f, 0f, 1f}, 4, false, new RandomStream(2), action);
                results[k] = action;
            }
        }
        assertArrayEquals(results[0], results[1]);
        assertTrue(results[0][0] != results[2][0], "another seed should give another learner");
    }

    @Test
    void sampledActionsStayWithinTheBounds() {
        try (SacLearner learner = new SacLearner(small(1), 2, new float[] {0f}, new float[] {5f})) {
            float[] obs = new float[2 * 500];
            RandomStream random = new RandomStream(4);
            for (int i = 0; i < obs.length; i++) {
                obs[i] = (float) (10 * random.nextGaussian());
            }
            float[] actions = new float[500];
            learner.act(obs, 500, false, random, actions);
            for (float a : actions) {
                assertTrue(a >= 0f && a <= 5f, "action " + a);
            }
        }
    }

    @Test
    void theExportedPolicyIsTheDjlActor() throws Exception {
        try (SacLearner learner = new SacLearner(small(2), 2, LOW, HIGH)) {
            learner.update(20, SacLearnerTest::bandit);
            ActorWeights weights = learner.actorWeights();
            Path file = dir.resolve("policy.onnx");
            CriticWeights critic = learner.criticWeights();
            PolicyExporter.export(weights, critic, new PolicyMetadata("bandit", List.of("o", "one"), List.of("a"), "sac",
                    20, Map.of()), file);
            int n = 64;
            float[] obs = new float[2 * n];
            RandomStream random = new RandomStream(8);
            for (int i = 0; i < obs.length; i++) {
                obs[i] = (float) (3 * random.nextGaussian());
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
            critic.values(obs, reference, n, referenceValue);
            try (OnnxPolicy policy = new OnnxPolicy(file)) {
                policy.act(obs, n, onnx);
                assertTrue(policy.hasValue());
                policy.values(obs, n, onnxValue);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(djl[i], reference[i], 1e-5f, "reference forward pass, row " + i);
                assertEquals(djl[i], onnx[i], 1e-5f, "ONNX Runtime, row " + i);
                assertEquals(djlValue[i], referenceValue[i], 1e-4f, "reference critic, row " + i);
                assertEquals(djlValue[i], onnxValue[i], 1e-4f, "ONNX Runtime critic, row " + i);
            }
            OnnxChecker.assertAccepted(file);
        }
    }

    @Test
    void badSettingsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SacConfig(List.of(8), 3e-4f, 0, 0.99f, 0.005f, 1, true, 0.2f, Float.NaN, 1));
        assertTrue(e.getMessage().contains("batchSize=0"), e.getMessage());
        IllegalArgumentException bounds = assertThrows(IllegalArgumentException.class,
                () -> new SacLearner(small(1), 2, new float[] {Float.NEGATIVE_INFINITY}, new float[] {1f}));
        assertTrue(bounds.getMessage().contains("finite action bounds"), bounds.getMessage());
    }
}
