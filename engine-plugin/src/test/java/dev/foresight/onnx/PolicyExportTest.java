package dev.foresight.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.physics.PendulumTask;
import dev.foresight.model.ensemble.EnsembleWeights;
import dev.foresight.policy.ActorWeights;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** policy.onnx: the exported graph computes the actor exactly as its reference forward pass, and says what kind of file it is. */
class PolicyExportTest {
    @TempDir
    Path dir;

    private static ActorWeights actor(ActorWeights.Squash squash) {
        ActorWeights random = ActorWeights.random(3, 2, List.of(32, 32), new float[] {-2f, 0f}, new float[] {2f, 5f}, squash, 4);
        // A non-trivial normalisation, to test its folding into the first layer.
        return new ActorWeights(3, 2, random.layerSizes(), random.weights(), random.biases(), ActorWeights.Activation.RELU,
                squash, random.actionLow(), random.actionHigh(), new float[] {0.5f, -1f, 2f}, new float[] {2f, 0.5f, 3f});
    }

    private static PolicyMetadata metadata() {
        return new PolicyMetadata("toy", List.of("a", "b", "c"), List.of("u", "v"), "test", 1234, Map.of("seed", "4"));
    }

    @Test
    void theExportedPolicyEqualsTheReferenceForwardPass() throws Exception {
        for (ActorWeights.Squash squash : ActorWeights.Squash.values()) {
            ActorWeights weights = actor(squash);
            Path file = dir.resolve(squash + ".onnx");
            PolicyExporter.export(weights, metadata(), file);
            RandomStream random = new RandomStream(9);
            boolean clipped = false;
            try (OnnxPolicy policy = new OnnxPolicy(file)) {
                assertEquals(3, policy.obsDim());
                assertEquals(2, policy.actionDim());
                assertEquals("policy/1", policy.metadata().get("foresight.format"));
                assertEquals("test", policy.metadata().get("foresight.algorithm"));
                assertEquals("1234", policy.metadata().get("foresight.env_steps"));
                for (int n : new int[] {1, 9, 1}) {
                    float[] obs = new float[n * 3];
                    for (int i = 0; i < obs.length; i++) {
                        obs[i] = (float) (4 * random.nextGaussian());
                    }
                    float[] expected = new float[n * 2];
                    float[] actual = new float[n * 2];
                    weights.act(obs, n, expected);
                    policy.act(obs, n, actual);
                    for (int i = 0; i < actual.length; i++) {
                        assertEquals(expected[i], actual[i], 1e-5f, squash + " row " + i / 2 + " of " + n);
                        assertTrue(actual[i] >= weights.actionLow()[i % 2] && actual[i] <= weights.actionHigh()[i % 2]);
                        clipped |= actual[i] == weights.actionHigh()[i % 2] || actual[i] == weights.actionLow()[i % 2];
                    }
                }
            }
            if (squash == ActorWeights.Squash.CLIP) {
                assertTrue(clipped, "some actions should reach the bounds, so that the clip is tested");
            }
            OnnxChecker.assertAccepted(file);
        }
    }

    @Test
    void aPolicyAndADynamicsModelAreNotTakenForEachOther() throws IOException {
        Path policyFile = dir.resolve("policy.onnx");
        PolicyExporter.export(actor(ActorWeights.Squash.TANH), metadata(), policyFile);
        IOException asModel = assertThrows(IOException.class, () -> new OnnxDynamicsModel(policyFile));
        assertTrue(asModel.getMessage().contains("not a Foresight dynamics ensemble: it is a policy file"), asModel.getMessage());
        Path modelFile = dir.resolve("dynamics.onnx");
        OnnxExporter.export(EnsembleWeights.random(2, 3, 2, List.of(8), 1),
                new ModelMetadata("toy", List.of("a", "b", "c"), List.of("u", "v"), 0, Map.of()), modelFile);
        IOException asPolicy = assertThrows(IOException.class, () -> new OnnxPolicy(modelFile));
        assertTrue(asPolicy.getMessage().contains("not a Foresight policy: it is a dynamics ensemble file"), asPolicy.getMessage());
    }

    @Test
    void aPolicyChecksItsEnvironment() throws IOException {
        Path file = dir.resolve("policy.onnx");
        PolicyExporter.export(actor(ActorWeights.Squash.CLIP), metadata(), file);
        try (OnnxPolicy policy = new OnnxPolicy(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> policy.requireCompatible(new PendulumTask().spec(0.05f)));
            assertTrue(e.getMessage().contains("obs size 3 and action size 2") && e.getMessage().contains("pendulum"),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> policy.act(new float[2], new float[2]));
        }
    }
}
