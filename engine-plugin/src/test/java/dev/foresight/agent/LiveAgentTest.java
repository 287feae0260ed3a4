package dev.foresight.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.EnvSpec;
import dev.foresight.model.Propagation;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import dev.foresight.planning.CemOptimizer;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.planning.PointMassPlanningTest;
import dev.foresight.util.RandomStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live agent's threads with real parts: an exact point-mass model exported to ONNX for
 * planning, and real DJL retraining with the hot swap.
 */
class LiveAgentTest {
    @TempDir
    Path dir;

    private final List<Thread> threads = new ArrayList<>();
    private final ThreadFactory factory = runnable -> {
        Thread thread = new Thread(runnable, "test-worker-" + threads.size());
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    };

    private static LivePets.Settings settings(long seed) {
        PlannerConfig planner = new PlannerConfig(15, new CemOptimizer.Settings(200, 20, 4, 0.1f, 1e-4f), Propagation.TS_INF,
                2, 0f);
        EnsembleConfig ensemble = EnsembleConfig.defaults(seed).withMembers(2, 2).withHiddenSizes(List.of(16))
                .withMaxEpochs(3);
        return new LivePets.Settings(new PetsConfig(1, ensemble, planner, 10_000, seed, null), 10.0, 1, 3, false);
    }

    private OnnxDynamicsModel exactModel() throws Exception {
        Path file = dir.resolve("point-mass.onnx");
        OnnxExporter.export(PointMassPlanningTest.exactPointMass(),
                new ModelMetadata("point-mass", List.of("x", "v"), List.of("a"), 0, Map.of()), file);
        return new OnnxDynamicsModel(file, 1, OnnxDynamicsModel.Device.CPU);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void plansInTheBackgroundAndDrivesThePointMassToTheGoal() throws Exception {
        EnvSpec spec = PointMassPlanningTest.pointMassSpec();
        try (LiveAgent agent = LivePets.create(spec, settings(3), LiveAgent.Mode.PLAN, exactModel(), dir.resolve("work"))) {
            agent.start(factory);
            float[] obs = {0f, 0f};
            float[] action = new float[1];
            agent.beginEpisode(obs);
            for (int step = 0; step < 60; step++) {
                int planned = step;
                // Lock-step for the test: wait until a plan for this step exists (a game never waits).
                await(() -> agent.imagination() != null && agent.imagination().step() == planned, "the plan of step " + step);
                agent.act(obs, action);
                float a = Math.max(-1f, Math.min(1f, action[0]));
                float[] next = {obs[0] + 0.1f * obs[1], obs[1] + 0.1f * a};
                float d = next[0] - 1f;
                agent.observe(obs, new float[] {a}, -d * d, next, false, false);
                obs = next;
            }
            assertEquals(1f, obs[0], 0.1f, "position after 6 s");
            assertEquals(0f, obs[1], 0.2f, "velocity after 6 s");
            LiveAgent.Status status = agent.status();
            assertEquals(60, status.transitions());
            assertFalse(Double.isNaN(status.planMillisP50()));
            Imagination imagination = agent.imagination();
            assertEquals(2, imagination.plan().length, "one imagined trajectory per member");
            assertEquals(15 * 2, imagination.plan()[0].length, "[horizon × obsDim]");
            assertEquals(3, imagination.candidates().length);
        }
        for (Thread thread : threads) {
            assertFalse(thread.isAlive(), thread.getName() + " still running after close()");
        }
    }

    @Test
    void learnsRetrainsInTheBackgroundAndHotSwapsTheModel() throws Exception {
        EnvSpec spec = PointMassPlanningTest.pointMassSpec();
        try (LiveAgent agent = LivePets.create(spec, settings(5), LiveAgent.Mode.LEARN, null, dir.resolve("work"))) {
            agent.start(factory);
            RandomStream random = new RandomStream(1);
            float[] action = new float[1];
            float[] obs = {0f, 0f};
            agent.beginEpisode(obs);
            assertFalse(agent.status().hasModel());
            for (int step = 0; step < 100; step++) {
                agent.act(obs, action);
                assertTrue(action[0] >= -1f && action[0] <= 1f, "exploration stays in bounds");
                float[] next = {obs[0] + 0.1f * obs[1], obs[1] + 0.1f * action[0] + 0.01f * (float) random.nextGaussian()};
                agent.observe(obs, action, 0f, next, false, step == 99);
                obs = next;
            }
            agent.endEpisode();
            await(() -> agent.status().retrainings() == 1 && agent.status().hasModel(), "the first retraining");
            assertTrue(Files.exists(dir.resolve("work").resolve("point-mass-live.onnx")), "the model was exported");
            agent.beginEpisode(new float[] {0f, 0f});
            await(() -> agent.imagination() != null, "a plan with the retrained model");
            LiveAgent.Status status = agent.status();
            assertFalse(Double.isNaN(status.validationMse()));
            assertEquals(List.of(0f), agent.episodeReturns());
        }
    }

    @Test
    void planModeNeedsAModelAndHeuristicModeUsesTheHeuristic() throws Exception {
        EnvSpec spec = PointMassPlanningTest.pointMassSpec();
        assertThrows(IllegalArgumentException.class,
                () -> LivePets.create(spec, settings(1), LiveAgent.Mode.PLAN, null, dir.resolve("w1")));
        try (LiveAgent agent = LivePets.create(spec, settings(1), LiveAgent.Mode.LEARN, null, dir.resolve("w2"))) {
            assertThrows(IllegalStateException.class, () -> agent.setMode(LiveAgent.Mode.PLAN));
            agent.setMode(LiveAgent.Mode.HEURISTIC);
            agent.setHeuristic((obs, out) -> out[0] = 0.25f);
            float[] action = new float[1];
            agent.beginEpisode(new float[] {0f, 0f});
            agent.act(new float[] {0f, 0f}, action);
            assertEquals(0.25f, action[0]);
            assertNotNull(agent.status());
        }
    }

    @Test
    void policyModeActsWithThePolicy() throws Exception {
        EnvSpec spec = PointMassPlanningTest.pointMassSpec();
        try (LiveAgent agent = LivePets.create(spec, settings(1), LiveAgent.Mode.LEARN, null, dir.resolve("w3"))) {
            IllegalStateException none = assertThrows(IllegalStateException.class, () -> agent.setMode(LiveAgent.Mode.POLICY));
            assertTrue(none.getMessage().contains("no policy"), none.getMessage());
            float[] next = {0.5f};
            agent.setPolicy((obs, out) -> out[0] = next[0]);
            agent.setMode(LiveAgent.Mode.POLICY);
            float[] action = new float[1];
            agent.beginEpisode(new float[] {0f, 0f});
            agent.act(new float[] {0f, 0f}, action);
            assertEquals(0.5f, action[0]);
            assertEquals(LiveAgent.Mode.POLICY, agent.status().mode());
            agent.setPolicy(null);
            assertEquals(LiveAgent.Mode.LEARN, agent.status().mode(), "without its policy the agent learns again");
        }
    }
}
