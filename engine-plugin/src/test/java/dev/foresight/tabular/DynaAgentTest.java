package dev.foresight.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.env.StepResult;
import dev.foresight.env.grid.GridWorld;
import dev.foresight.env.grid.Mazes;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.util.RandomStream;
import org.junit.jupiter.api.Test;

/** Dyna-Q is Q-learning plus planning; the book's results come out; the models answer as counted. */
class DynaAgentTest {
    @Test
    void withNoPlanningDynaQIsExactlyQLearning() {
        DynaConfig config = DynaConfig.dynaQ(0, 7);
        try (GridWorld maze = Mazes.create("dyna-maze"); DynaAgent agent = new DynaAgent(maze.spec(), config)) {
            // An independent Q-learning with the same act stream.
            QTable q = new QTable(54, 4);
            RandomStream act = new RandomStream(7);
            float[] action = new float[1];
            for (int e = 0; e < 5; e++) {
                float[] obs = maze.reset(e);
                agent.beginEpisode(obs);
                StepResult result;
                do {
                    agent.act(obs, action);
                    int mine = q.epsilonGreedy((int) obs[0], 0.1f, act);
                    assertEquals(mine, (int) action[0], "episode " + e);
                    result = maze.step(action);
                    agent.observe(obs, action, result.reward(), result.observation(), result.terminated(), false);
                    int s = (int) obs[0];
                    int next = (int) result.observation()[0];
                    float target = result.reward() + (result.terminated() ? 0f : 0.95f * q.max(next));
                    q.set(s, mine, q.get(s, mine) + 0.1f * (target - q.get(s, mine)));
                    obs = result.observation();
                } while (!result.done());
                agent.endEpisode();
            }
            assertArrayEquals(q.values(), agent.q().values());
            assertEquals(0, agent.planningUpdates());
        }
    }

    @Test
    void aShortFigure82LandsInTheBooksRangesAndRepeats() {
        // 30 runs, as the book (fewer make "stays at most 20" hostage to one long exploratory episode).
        double[][] steps = DynaExperiments.stepsPerEpisode(DynaConfig.dynaQ(0, 1), new int[] {0, 5, 50}, 50, 30, 1);
        int n0 = DynaExperiments.firstEpisodeStayingAtMost(steps[0], 20);
        int n5 = DynaExperiments.firstEpisodeStayingAtMost(steps[1], 20);
        int n50 = DynaExperiments.firstEpisodeStayingAtMost(steps[2], 20);
        // The book: about 25 / 5 / 3.
        assertTrue(n0 >= 18 && n0 <= 35 && n5 >= 3 && n5 <= 8 && n50 >= 2 && n50 <= 5, n0 + " / " + n5 + " / " + n50);
        assertTrue(n0 > n5 && n5 >= n50, "more planning, fewer episodes: " + n0 + " / " + n5 + " / " + n50);
        double[][] again = DynaExperiments.stepsPerEpisode(DynaConfig.dynaQ(0, 1), new int[] {0, 5, 50}, 50, 30, 1);
        assertArrayEquals(steps[2], again[2], "same seed, same curve");
    }

    @Test
    void dynaQPlusFindsTheShortcutThatDynaQMisses() {
        DynaConfig dynaQ = new DynaConfig(1f, 0.95f, 0.1f, 10, 0f, false, 0f, false, false, 1);
        double[] plain = DynaExperiments.cumulativeReward("shortcut-maze", dynaQ, 6000, 5, 2);
        double[] plus = DynaExperiments.cumulativeReward("shortcut-maze", dynaQ.withKappa(1e-3f), 6000, 5, 2);
        assertEquals(-1, DynaExperiments.recoverySteps(plain, 3000, 10, 200, 0.7));
        assertTrue(DynaExperiments.recoverySteps(plus, 3000, 10, 200, 0.7) > 0);
        assertTrue(plus[5999] - plus[2999] > plain[5999] - plain[2999], "Dyna-Q+ collects more after the change");
    }

    @Test
    void prioritizedSweepingAndExpectedUpdatesLearnTheMaze() {
        DynaConfig[] configs = {DynaConfig.prioritizedSweeping(5, 1), DynaConfig.dynaQ(5, 1).withDistributionModel(true),
            DynaConfig.dynaQ(5, 1).withDistributionModel(false)};
        for (DynaConfig config : configs) {
            try (GridWorld maze = Mazes.create("dyna-maze"); DynaAgent agent = new DynaAgent(maze.spec(), config)) {
                int last = 0;
                for (int e = 0; e < 40; e++) {
                    last = EpisodeRunner.run(maze, agent, e).steps();
                }
                assertTrue(last <= 25, config + ": last episode took " + last + " steps (shortest 14)");
                assertTrue(agent.planningUpdates() > 0);
            }
        }
    }

    @Test
    void theCountModelAnswersByItsCounts() {
        CountModel model = new CountModel(3, 1);
        model.update(0, 0, 1f, 1, false);
        model.update(0, 0, 3f, 1, false);
        model.update(0, 0, 0f, 2, true);
        assertEquals(3, model.count(0, 0));
        assertEquals(2, model.outcomes(0, 0));
        assertEquals(2f / 3, model.probability(0, 0, 0), 1e-6);
        assertEquals(2f, model.reward(0, 0, 0), 1e-6);
        assertTrue(model.terminal(0, 0, 1));
        RandomStream random = new RandomStream(1);
        CountModel.Outcome outcome = new CountModel.Outcome();
        int ones = 0;
        for (int i = 0; i < 3000; i++) {
            if (model.sample(0, 0, random, outcome).next == 1) {
                ones++;
            }
        }
        assertEquals(2.0 / 3, ones / 3000.0, 0.03);
        assertThrows(IllegalStateException.class, () -> model.sample(1, 0, random, outcome));
    }

    @Test
    void thePairQueuePopsTheHighestPriorityOnce() {
        PairQueue queue = new PairQueue(10);
        queue.insert(3, 0.5f);
        queue.insert(7, 2f);
        queue.insert(1, 1f);
        queue.insert(3, 4f); // raised
        queue.insert(7, 0.1f); // kept at 2
        assertEquals(3, queue.size());
        assertEquals(3, queue.pop());
        assertEquals(7, queue.pop());
        assertEquals(1, queue.pop());
        assertTrue(queue.isEmpty());
    }

    @Test
    void continuousSpacesAreRefusedByName() {
        try (PhysicsEnvironment pendulum = BuiltInTasks.environment("pendulum")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DynaAgent(pendulum.spec(), DynaConfig.dynaQ(5, 1)));
            assertTrue(e.getMessage().contains("Dyna"), e.getMessage());
        }
    }

    @Test
    void aScaledMazeKeepsItsShapeAndSweepingNeedsFewerUpdates() {
        dev.foresight.env.grid.GridMap twice = Mazes.dynaMaze().scaled(2);
        assertEquals(12, twice.rows());
        assertEquals(18, twice.cols());
        assertEquals(4 * 47, twice.freeCells());
        assertTrue(DynaExperiments.shortestPath(twice) >= 2 * 14 - 1, "shortest " + DynaExperiments.shortestPath(twice));
        DynaConfig dynaQ = new DynaConfig(0.5f, 0.95f, 0.1f, 5, 0f, false, 0f, false, false, 1);
        DynaConfig sweeping = new DynaConfig(0.5f, 0.95f, 0.1f, 5, 0f, true, 1e-4f, false, false, 1);
        long plain = 0;
        long swept = 0;
        for (long seed = 1; seed <= 5; seed++) {
            long a = DynaExperiments.updatesUntilOptimal(Mazes.dynaMaze(), dynaQ, 1.2, 500, seed);
            long b = DynaExperiments.updatesUntilOptimal(Mazes.dynaMaze(), sweeping, 1.2, 500, seed);
            assertTrue(a > 0 && b > 0, a + ", " + b);
            plain += a;
            swept += b;
        }
        assertTrue(swept < plain, "prioritized sweeping " + swept + " vs Dyna-Q " + plain + " updates");
    }

    @Test
    void expectedUpdatesReachTheModelsValuesWhileSampleUpdatesHover() {
        CountModel model = DynaExperiments.randomWalkModel("dyna-maze-slip", 5000, 1);
        double[] expected = DynaExperiments.planningError(model, true, 1f, 0.95f, 30_000, 1000, 2);
        double[] sampled = DynaExperiments.planningError(model, false, 0.1f, 0.95f, 30_000, 1000, 2);
        assertTrue(expected[expected.length - 1] < 1e-3, "expected updates end at RMS " + expected[expected.length - 1]);
        assertTrue(sampled[sampled.length - 1] > expected[expected.length - 1], "sample updates keep their noise");
        assertTrue(expected[expected.length - 1] < expected[0] && sampled[sampled.length - 1] < sampled[0]);
    }

    @Test
    void aSavedModelRebuildsTheSameModelsAndABadOneIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("model.npz");
        DynaConfig config = DynaConfig.dynaQ(5, 3).withDistributionModel(false);
        try (GridWorld maze = Mazes.create("dyna-maze-slip"); DynaAgent agent = new DynaAgent(maze.spec(), config);
             DynaAgent fresh = new DynaAgent(maze.spec(), config)) {
            for (int e = 0; e < 5; e++) {
                EpisodeRunner.run(maze, agent, e);
            }
            agent.saveModel(file);
            int rows = fresh.loadModel(file);
            assertTrue(rows > 0);
            for (int s = 0; s < 54; s++) {
                for (int a = 0; a < 4; a++) {
                    assertEquals(agent.model().tried(s, a), fresh.model().tried(s, a));
                    if (agent.model().tried(s, a)) {
                        assertEquals(agent.model().next(s, a), fresh.model().next(s, a), "last-seen successor of " + s);
                    }
                }
            }
            assertEquals(0f, fresh.q().max(8), "loading feeds the models, not the values");
        }
        try (GridWorld pendulumSized = new GridWorld("tiny", dev.foresight.env.grid.GridMap.parse("tiny",
                java.util.List.of("SG")), java.util.List.of(), 0f, 10);
             DynaAgent small = new DynaAgent(pendulumSized.spec(), config)) {
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> small.loadModel(file));
            assertTrue(e.getMessage().contains("another environment"), e.getMessage());
        }
    }

    @Test
    void theTraceKeepsTheLastPlannedStatesNewestFirst() {
        try (GridWorld maze = Mazes.create("dyna-maze"); DynaAgent agent = new DynaAgent(maze.spec(), DynaConfig.dynaQ(5, 2))) {
            int[] out = new int[8];
            assertEquals(0, agent.recentlyPlanned(out), "nothing is kept unless asked");
            agent.tracePlanning(4);
            EpisodeRunner.run(maze, agent, 1);
            assertEquals(4, agent.recentlyPlanned(out), "at most the capacity");
            int[] two = new int[2];
            assertEquals(2, agent.recentlyPlanned(two));
            assertArrayEquals(java.util.Arrays.copyOf(out, 2), two, "newest first, whatever the buffer's length");
            for (int i = 0; i < 4; i++) {
                boolean observed = false;
                for (int a = 0; a < 4; a++) {
                    observed |= agent.model().tried(out[i], a);
                }
                assertTrue(observed, "Dyna-Q plans from observed states only: " + out[i]);
            }
            // A planning call outside a real step is traced too: its states become the newest.
            agent.tracePlanning(3);
            assertEquals(0, agent.recentlyPlanned(out), "a new capacity starts empty");
            assertEquals(3, agent.plan(3));
            assertEquals(3, agent.recentlyPlanned(out));
            assertThrows(IllegalArgumentException.class, () -> agent.tracePlanning(-1));
        }
    }
}
