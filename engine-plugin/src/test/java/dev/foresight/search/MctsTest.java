package dev.foresight.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.env.grid.GridMap;
import dev.foresight.env.grid.GridWorld;
import dev.foresight.env.grid.Mazes;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** UCT and PUCT on trees with known values, tree reuse, batching, and the table-model agent on the Dyna maze. */
class MctsTest {
    /**
     * A tiny model with known values (γ = 1): from state 0, action 0 ends with reward 0.2, action 1
     * ends with 0.8, action 2 leads to state 1 with reward 0, from which every action ends with 0.5.
     */
    static final class KnownTree implements SearchModel {
        int calls;
        int largestBatch;

        @Override
        public int stateDim() {
            return 1;
        }

        @Override
        public int actions() {
            return 3;
        }

        @Override
        public void step(float[] states, int[] actions, int n, float[] next, float[] rewards, boolean[] terminated) {
            calls++;
            largestBatch = Math.max(largestBatch, n);
            for (int i = 0; i < n; i++) {
                if (states[i] == 0f) {
                    next[i] = actions[i] == 2 ? 1f : 2f;
                    rewards[i] = actions[i] == 0 ? 0.2f : actions[i] == 1 ? 0.8f : 0f;
                    terminated[i] = actions[i] != 2;
                } else {
                    next[i] = 2f;
                    rewards[i] = 0.5f;
                    terminated[i] = true;
                }
            }
        }
    }

    private static Mcts search(SearchModel model, MctsSettings settings) {
        return new Mcts(model, new RandomRollouts(model, 5, 1, 1f, 3), null, settings);
    }

    @Test
    void uctFindsTheBestActionAndItsExactValues() {
        KnownTree model = new KnownTree();
        Mcts uct = search(model, new MctsSettings(300, 1, 1f, 1f, false, 7));
        assertEquals(1, uct.search(new float[] {0f}));
        assertEquals(0.2, uct.rootValue(0), 1e-6);
        assertEquals(0.8, uct.rootValue(1), 1e-6);
        assertEquals(0.5, uct.rootValue(2), 1e-6, "the rollout from state 1 and every path below it return 0.5");
        assertTrue(uct.rootVisits(1) > uct.rootVisits(2) && uct.rootVisits(2) > uct.rootVisits(0),
                "visits follow the values: " + uct.rootVisits(0) + " " + uct.rootVisits(1) + " " + uct.rootVisits(2));
        assertEquals(300, uct.rootVisits(0) + uct.rootVisits(1) + uct.rootVisits(2));
    }

    @Test
    void puctWithAUniformPriorChoosesInUctsOrder() {
        int[] uctVisits = new int[3];
        int[] puctVisits = new int[3];
        Mcts uct = search(new KnownTree(), new MctsSettings(300, 1, 1f, 1f, false, 7));
        Mcts puct = new Mcts(new KnownTree(), new RandomRollouts(new KnownTree(), 5, 1, 1f, 3),
                (states, n, out) -> Arrays.fill(out, 0, 3 * n, 1f / 3), new MctsSettings(300, 1, 1f, 1.25f, true, 7));
        assertEquals(uct.search(new float[] {0f}), puct.search(new float[] {0f}));
        for (int a = 0; a < 3; a++) {
            uctVisits[a] = uct.rootVisits(a);
            puctVisits[a] = puct.rootVisits(a);
        }
        assertArrayEquals(rank(uctVisits), rank(puctVisits), "UCT visits " + Arrays.toString(uctVisits) + ", PUCT "
                + Arrays.toString(puctVisits));
    }

    private static int[] rank(int[] visits) {
        return java.util.stream.IntStream.range(0, visits.length).boxed()
                .sorted((a, b) -> Integer.compare(visits[b], visits[a])).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void theTreeUnderTheActionTakenIsKept() {
        Mcts mcts = search(new KnownTree(), new MctsSettings(200, 1, 1f, 1f, false, 7));
        mcts.search(new float[] {0f});
        int below = mcts.rootChild(2);
        int[] visits = new int[3];
        for (int a = 0; a < 3; a++) {
            visits[a] = mcts.visits(below, a);
        }
        assertTrue(Arrays.stream(visits).sum() > 0, "the search went below action 2");
        mcts.advance(2, new float[] {1f});
        assertEquals(4, mcts.treeSize(), "the node reached and its three (terminal) children");
        for (int a = 0; a < 3; a++) {
            assertEquals(visits[a], mcts.rootVisits(a), "action " + a + " below the new root keeps its visits");
        }
        mcts.search(new float[] {1f});
        assertEquals(Arrays.stream(visits).sum() + 200, mcts.rootVisits(0) + mcts.rootVisits(1) + mcts.rootVisits(2),
                "the new search adds to the kept statistics");
        mcts.advance(0, new float[] {2f});
        assertEquals(1, mcts.treeSize(), "an action that ended the episode leaves nothing to keep");
        mcts.search(new float[] {0f});
        mcts.advance(2, new float[] {0.5f});
        assertEquals(1, mcts.treeSize(), "a state the model did not predict starts a fresh tree there");
        assertEquals(0, mcts.rootVisits(0) + mcts.rootVisits(1) + mcts.rootVisits(2));
    }

    @Test
    void leavesAreExpandedInBatches() {
        KnownTree model = new KnownTree();
        Mcts mcts = search(model, new MctsSettings(64, 8, 1f, 1f, false, 7));
        assertEquals(1, mcts.search(new float[] {0f}));
        assertEquals(8, model.largestBatch, "eight leaves per model call");
        assertTrue(model.calls <= 8 * (1 + 5), "at most one expansion call and five rollout calls per batch of 8: "
                + model.calls);
    }

    @Test
    void theTableModelAgentLearnsTheDynaMazeAndIsDeterministic() {
        int[] first = episodes(1);
        assertArrayEquals(first, episodes(1), "same seed, same episodes");
        for (int e = 1; e < first.length; e++) {
            assertEquals(14, first[e], "from episode 2 on the shortest path: " + Arrays.toString(first));
        }
        assertTrue(first[0] > 100, "the first episode is a walk in an unknown maze: " + first[0]);
    }

    private static int[] episodes(long seed) {
        try (GridWorld maze = Mazes.create("dyna-maze");
             MctsAgent agent = new MctsAgent(maze.spec(), MctsConfig.defaults(seed))) {
            int[] steps = new int[6];
            for (int e = 0; e < steps.length; e++) {
                steps[e] = EpisodeRunner.run(maze, agent, seed * 100 + e).steps();
            }
            return steps;
        }
    }

    @Test
    void valueIterationOnTheExactMazeGivesDiscountedDistancesToTheGoal() {
        GridMap map = Mazes.dynaMaze();
        ValueTable values = new ValueTable(map.cells(), (states, n, out) -> java.util.Arrays.fill(out, 0, n, 0f), 1f);
        float discount = 0.95f;
        values.solve(new GridSearchModel(map), discount);
        // the goal is 14 steps from the start; the reward of 1 comes with the 14th
        assertEquals(Math.pow(discount, 13), values.value(map.start()), 1e-5);
        int besideGoal = -1;
        for (int move = 0; move < 4 && besideGoal < 0; move++) {
            for (int cell = 0; cell < map.cells(); cell++) {
                if (!map.wall(cell) && cell != map.goal() && map.next(cell, move) == map.goal()) {
                    besideGoal = cell;
                    break;
                }
            }
        }
        assertEquals(1.0, values.value(besideGoal), 1e-6);
    }

    @Test
    void continuousActionsAndBadSettingsAreRefusedByName() {
        try (PhysicsEnvironment pendulum = BuiltInTasks.environment("pendulum")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MctsAgent(pendulum.spec(), MctsConfig.defaults(1)));
            assertTrue(e.getMessage().contains("pendulum") && e.getMessage().contains("discrete"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new MctsSettings(0, 1, 1f, 1f, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new RandomRollouts(new KnownTree(), 5, 0, 1f, 1));
        assertThrows(IllegalArgumentException.class, () -> search(new KnownTree(), MctsSettings.uct(5, 1f, 1))
                .search(new float[] {0f, 1f}));
    }

    @Test
    void theEnsembleModelScoresEachIndexAsItsLevel() throws Exception {
        try (PhysicsEnvironment cartpole = BuiltInTasks.environment("cartpole");
             dev.foresight.onnx.OnnxDynamicsModel model = new dev.foresight.onnx.OnnxDynamicsModel(
                     java.nio.file.Path.of("../models/cartpole.onnx"))) {
            float[] start = cartpole.reset(3);
            EnsembleSearchModel levels = new EnsembleSearchModel(model, cartpole.spec(), new float[] {-1f, 0f, 1f}, 4, 1);
            assertEquals(3, levels.actions());
            assertEquals(5, levels.stateDim());
            int n = 6;
            float[] states = new float[n * 5];
            int[] actions = {0, 1, 2, 0, 1, 2};
            for (int i = 0; i < n; i++) {
                System.arraycopy(start, 0, states, i * 5, 5);
            }
            float[] next = new float[n * 5];
            float[] rewards = new float[n];
            boolean[] ended = new boolean[n];
            levels.step(states, actions, n, next, rewards, ended); // 6 rows through a model call of at most 4
            float[] expected = new float[1];
            for (int i = 0; i < n; i++) {
                cartpole.spec().rewardFunction().reward(start, new float[] {actions[i] - 1f},
                        java.util.Arrays.copyOfRange(next, i * 5, i * 5 + 5), 1, expected);
                assertEquals(expected[0], rewards[i], 1e-6f, "row " + i + " is scored with force " + (actions[i] - 1));
                assertTrue(Math.abs(next[i * 5] - start[0]) < 0.5f, "a plausible next cart position: " + next[i * 5]);
            }
            // Pushing right moves the cart right of where pushing left does (means over the rows).
            assertTrue(next[2 * 5 + 1] + next[5 * 5 + 1] > next[1] + next[3 * 5 + 1],
                    "cart velocity after +1 vs -1: " + next[2 * 5 + 1] + ", " + next[1]);
        }
    }
}
