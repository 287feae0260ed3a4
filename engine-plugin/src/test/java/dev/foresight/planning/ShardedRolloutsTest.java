package dev.foresight.planning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.EnvSpec;
import dev.foresight.model.Propagation;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The population split over threads: same scores as one thread where propagation is deterministic, repeatable where it samples. */
class ShardedRolloutsTest {
    @TempDir
    Path dir;

    private OnnxDynamicsModel model() throws Exception {
        Path file = dir.resolve("point-mass.onnx");
        OnnxExporter.export(PointMassPlanningTest.exactPointMass(),
                new ModelMetadata("point-mass", List.of("x", "v"), List.of("a"), 0, Map.of()), file);
        return new OnnxDynamicsModel(file, 1, OnnxDynamicsModel.Device.CPU);
    }

    private static float[] evaluate(PlannerConfig config, EnvSpec spec, OnnxDynamicsModel model, int shards,
                                    float[] sequences, int population) {
        SearchSpace space = SearchSpace.of(spec.actionSpace(), config.horizon());
        try (MpcPlanner planner = Planners.builder(config, spec, model, 9).optShards(shards).build()) {
            float[] start = {0.2f, -0.1f};
            planner.setState(start);
            planner.optimize(0); // exercises the sharded path inside the optimiser
            float[] out = new float[population];
            RolloutObjective objective = objectiveOf(planner);
            objective.setStart(start);
            objective.evaluate(sequences, population, out);
            assertEquals(space.horizon(), config.horizon());
            return out;
        }
    }

    private static RolloutObjective objectiveOf(MpcPlanner planner) {
        return planner.objective();
    }

    @Test
    void shardsScoreExactlyAsOneThreadWithDeterministicPropagation() throws Exception {
        EnvSpec spec = PointMassPlanningTest.pointMassSpec();
        PlannerConfig config = new PlannerConfig(10, new CemOptimizer.Settings(101, 10, 2, 0.1f, 1e-4f), Propagation.EXPECTATION, 1, 0f);
        int population = 101;
        float[] sequences = new float[population * 10];
        RandomStream random = new RandomStream(4);
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = (float) (2 * random.nextDouble() - 1);
        }
        try (OnnxDynamicsModel model = model()) {
            float[] one = evaluate(config, spec, model, 1, sequences, population);
            float[] three = evaluate(config, spec, model, 3, sequences, population);
            assertArrayEquals(one, three);
        }
    }

    @Test
    void sampledRolloutsRepeatForTheSameShardCount() throws Exception {
        EnvSpec spec = PointMassPlanningTest.pointMassSpec();
        PlannerConfig config = new PlannerConfig(10, new CemOptimizer.Settings(64, 6, 3, 0.1f, 1e-4f), Propagation.TS_INF, 4, 0f);
        try (OnnxDynamicsModel model = model()) {
            float[][] plans = new float[2][];
            for (int run = 0; run < 2; run++) {
                try (MpcPlanner planner = Planners.builder(config, spec, model, 9).optShards(2).build()) {
                    planner.setState(new float[] {0f, 0f});
                    for (int step = 0; step < 5; step++) {
                        planner.optimize(0);
                        planner.advance(1);
                    }
                    plans[run] = planner.plan();
                }
            }
            assertArrayEquals(plans[0], plans[1], "same seed and shard count, same plan");
            boolean moves = false;
            for (float a : plans[0]) {
                moves |= a != 0f;
            }
            assertTrue(moves, "the plan is not trivial");
        }
    }

    @Test
    void everyScheduleAndTheSerialFallbackPlanExactlyAlike() throws Exception {
        EnvSpec spec = PointMassPlanningTest.pointMassSpec();
        PlannerConfig config = new PlannerConfig(10, new CemOptimizer.Settings(64, 6, 3, 0.1f, 1e-4f), Propagation.TS_INF, 4, 0f);
        try (OnnxDynamicsModel model = model()) {
            float[] reference = null;
            for (ShardedRollouts.Schedule schedule : ShardedRollouts.Schedule.values()) {
                for (boolean serial : new boolean[] {false, true}) {
                    try (MpcPlanner planner = Planners.builder(config, spec, model, 9).optShards(2).optSchedule(schedule)
                            .build()) {
                        ShardedRollouts rollouts = (ShardedRollouts) planner.objective();
                        planner.setState(new float[] {0f, 0f});
                        for (int step = 0; step < 5; step++) {
                            if (serial) {
                                rollouts.forceSerial();
                            }
                            planner.optimize(0);
                            planner.advance(1);
                        }
                        if (serial) {
                            assertTrue(rollouts.evaluationsAndSerial()[1] > 0, "the serial path ran");
                        }
                        float[] plan = planner.plan();
                        if (reference == null) {
                            reference = plan;
                        }
                        assertArrayEquals(reference, plan, schedule + (serial ? " run serially" : ""));
                    }
                }
            }
        }
    }
}
