package dev.foresight.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.agent.Imagination;
import dev.foresight.env.BoxSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.TerminationFunction;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import dev.foresight.planning.PointMassPlanningTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tree-search decisions on the exact point mass (built as ensemble weights, run in ONNX Runtime). */
class MctsDecisionsTest {
    @TempDir
    Path dir;

    private OnnxDynamicsModel pointMass() throws Exception {
        Path file = dir.resolve("point-mass.onnx");
        OnnxExporter.export(PointMassPlanningTest.exactPointMass(),
                new ModelMetadata("point-mass", List.of("x", "v"), List.of("a"), 0, Map.of()), file);
        return new OnnxDynamicsModel(file);
    }

    @Test
    void pushesTowardsTheGoalAndDrawsEachRootActionsBranchWeightedByVisits() throws Exception {
        EnvSpec spec = PointMassPlanningTest.pointMassSpec();
        try (MctsDecisions decisions = new MctsDecisions(spec, 3, MctsConfig.defaults(5).withSimulations(300), 6)) {
            assertArrayEquals(new float[] {-1f, 0f, 1f}, decisions.levels());
            assertTrue(!decisions.ready());
            decisions.accept(pointMass());
            assertTrue(decisions.ready());
            float[] plan = new float[6];
            decisions.decide(new float[] {0f, 0f}, 0, plan);
            assertEquals(1f, plan[0], "the goal is at x = 1: accelerate towards it");
            Imagination imagined = decisions.imagine(new float[] {0f, 0f}, 4, 1, 0);
            assertNotNull(imagined);
            assertEquals(1, imagined.plan().length);
            assertTrue(imagined.plan()[0].length >= 2 * 2, "the chosen branch is at least two states deep");
            assertEquals(2, imagined.candidates().length, "the two other root actions");
            float[] weights = imagined.weights();
            assertTrue(weights[0] >= weights[1] && weights[1] > 0 && weights[0] + weights[1] < 1,
                    java.util.Arrays.toString(weights));
            // first state of the chosen branch, sampled (the model's std is e^-5): x' = x + v·dt = 0, v' = a·dt = 0.1
            assertEquals(0f, imagined.plan()[0][0], 0.03f);
            assertEquals(0.1f, imagined.plan()[0][1], 0.03f);
        }
    }

    @Test
    void refusesTasksWithMoreThanOneActionByName() {
        EnvSpec arm = new EnvSpec("arm", BoxSpace.unbounded("x"), BoxSpace.symmetric(1f, "a", "b"), 10, 0.1f,
                (o, a, n, b, r) -> { }, TerminationFunction.NEVER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MctsDecisions(arm, 3, MctsConfig.interactive(1), 5));
        assertTrue(e.getMessage().startsWith("arm: tree search over action levels needs one action component"),
                e.getMessage());
    }
}
