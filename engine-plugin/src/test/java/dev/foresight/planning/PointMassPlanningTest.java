package dev.foresight.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.BoxSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.Propagation;
import dev.foresight.model.ensemble.EnsembleWeights;
import dev.foresight.model.ensemble.Normalizer;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planner given an exact model of a point mass — built by hand as ensemble weights, exported to
 * ONNX and run in ONNX Runtime — drives the real system to the goal.
 */
public class PointMassPlanningTest {
    private static final float DT = 0.1f;
    private static final float GOAL = 1f;
    private static final float SHIFT = 100f; // keeps SiLU in its linear range: silu(h) = h for h ≈ 100

    @TempDir
    Path dir;

    /** x' = x + v·dt, v' = v + a·dt as a one-hidden-layer network (two identical members). */
    public static EnsembleWeights exactPointMass() {
        int members = 2;
        int in = 3;
        int out = 4; // mean(dx, dv), raw log-variance(dx, dv)
        float[] w0 = new float[members * in * in];
        float[] b0 = new float[members * in];
        float[] w1 = new float[members * in * out];
        float[] b1 = new float[members * out];
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < in; i++) {
                w0[m * in * in + i * in + i] = 1f;
                b0[m * in + i] = SHIFT;
            }
            // dx = dt·v (input 1 → output 0), dv = dt·a (input 2 → output 1)
            w1[m * in * out + 1 * out] = DT;
            w1[m * in * out + 2 * out + 1] = DT;
            b1[m * out] = -SHIFT * DT;
            b1[m * out + 1] = -SHIFT * DT;
            b1[m * out + 2] = -30f;
            b1[m * out + 3] = -30f;
        }
        Normalizer identity3 = new Normalizer(new float[3], new float[] {1, 1, 1}, new boolean[3]);
        Normalizer identity2 = new Normalizer(new float[2], new float[] {1, 1}, new boolean[2]);
        return new EnsembleWeights(members, 2, 1, false, new int[] {3, 3, 4}, new float[][] {w0, w1},
                new float[][] {b0, b1}, new float[] {0.5f, 0.5f}, new float[] {-10f, -10f}, identity3, identity2);
    }

    public static EnvSpec pointMassSpec() {
        return new EnvSpec("point-mass", BoxSpace.unbounded("x", "v"), BoxSpace.symmetric(1f, "a"), 100, DT,
                (obs, action, next, batch, rewards) -> {
                    for (int i = 0; i < batch; i++) {
                        float d = next[2 * i] - GOAL;
                        rewards[i] = -d * d - 0.01f * action[i] * action[i];
                    }
                }, TerminationFunction.NEVER);
    }

    @Test
    void everyOptimizerDrivesThePointMassToTheGoal() throws Exception {
        Path file = dir.resolve("point-mass.onnx");
        OnnxExporter.export(exactPointMass(), new ModelMetadata("point-mass", List.of("x", "v"), List.of("a"), 0, Map.of()), file);
        EnvSpec spec = pointMassSpec();
        for (String optimizer : List.of("cem", "mppi", "random", "ilqr")) {
            OptimizerSettings settings = switch (OptimizerKind.parse(optimizer)) {
                case CEM -> new CemOptimizer.Settings(300, 30, 4, 0.1f, 1e-4f);
                case MPPI -> new MppiOptimizer.Settings(300, 4, 0.1f, 0.3f, 0.8f);
                case RANDOM -> new RandomShootingOptimizer.Settings(300, 4);
                case ILQR -> IlqrOptimizer.Settings.defaults();
            };
            PlannerConfig config = new PlannerConfig(15, settings, Propagation.TS_INF, 2, 0f);
            try (OnnxDynamicsModel model = new OnnxDynamicsModel(file)) {
                MpcPlanner planner = Planners.create(config, spec, model, 11);
                float x = 0f;
                float v = 0f;
                float[] action = new float[1];
                for (int t = 0; t < 60; t++) {
                    planner.setState(new float[] {x, v});
                    planner.optimize(0);
                    planner.action(action);
                    planner.advance(1);
                    x += v * DT;
                    v += action[0] * DT;
                }
                assertEquals(GOAL, x, 0.1f, optimizer + " ends at x=" + x);
                assertTrue(Math.abs(v) < 0.3f, optimizer + " ends with v=" + v);
                float[][] imagined = planner.bestTrajectory();
                assertEquals(2, imagined.length);
                assertEquals(15 * 2, imagined[0].length);
            }
        }
    }

    @Test
    void theExportedPointMassIsExact() throws Exception {
        Path file = dir.resolve("exact.onnx");
        OnnxExporter.export(exactPointMass(), new ModelMetadata("point-mass", List.of("x", "v"), List.of("a"), 0, Map.of()), file);
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(file)) {
            dev.foresight.model.Prediction out = new dev.foresight.model.Prediction(2, 1, 2);
            model.predict(new float[] {0.5f, 2f, 0.5f, 2f}, new float[] {-1f, -1f}, 1, out);
            assertEquals(0.5f + 2f * DT, out.nextObsMean()[0], 1e-4f);
            assertEquals(2f - DT, out.nextObsMean()[1], 1e-4f);
        }
    }
}
