package dev.foresight.planning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.onnx.PolicyExporter;
import dev.foresight.onnx.PolicyMetadata;
import dev.foresight.policy.ActorWeights;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy rolled through the model gives the planner sequences that are the policy's own actions. */
class PolicyPriorTest {
    @TempDir
    Path dir;

    @Test
    void thePlansAreThePolicyFollowedThroughTheModel() throws Exception {
        ActorWeights actor = ActorWeights.random(1, 1, List.of(8), new float[] {-1f}, new float[] {1f},
                ActorWeights.Squash.TANH, 3);
        Path file = dir.resolve("policy.onnx");
        PolicyExporter.export(actor, new PolicyMetadata("line", List.of("x"), List.of("push"), "test", 0, Map.of()), file);
        DeterministicModel line = new DeterministicModel((obs, action, next) -> next[0] = obs[0] + 0.5f * action[0]);
        try (OnnxPolicy policy = new OnnxPolicy(file)) {
            PolicyPrior prior = new PolicyPrior(policy, line, 3, new RandomStream(1));
            int horizon = 4;
            float[] plans = new float[3 * horizon];
            prior.plan(new float[] {0.3f}, horizon, plans);
            // What the policy does along the model's (deterministic) trajectory, step by step.
            float[] x = {0.3f};
            float[] a = new float[1];
            float[] expected = new float[horizon];
            for (int t = 0; t < horizon; t++) {
                actor.act(x, 1, a);
                expected[t] = a[0];
                x[0] += 0.5f * a[0];
            }
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(plans, c * horizon, (c + 1) * horizon), 1e-5f,
                        "plan " + c);
            }
            IllegalStateException noCritic = assertThrows(IllegalStateException.class, prior::horizonValue);
            assertTrue(noCritic.getMessage().contains("no critic"), noCritic.getMessage());
            assertEquals(3, prior.count());
        }
    }

    @Test
    void aPolicyOfAnotherShapeIsRefused() throws Exception {
        ActorWeights actor = ActorWeights.random(2, 1, List.of(4), new float[] {-1f}, new float[] {1f},
                ActorWeights.Squash.CLIP, 1);
        Path file = dir.resolve("two.onnx");
        PolicyExporter.export(actor, new PolicyMetadata("plane", List.of("x", "y"), List.of("push"), "test", 0, Map.of()),
                file);
        try (OnnxPolicy policy = new OnnxPolicy(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PolicyPrior(policy, new DeterministicModel((o, a, n) -> { }), 2, new RandomStream(1)));
            assertTrue(e.getMessage().contains("same environment"), e.getMessage());
        }
    }
}
