package dev.foresight.env.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.StepResult;
import dev.foresight.tabular.DynaExperiments;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mazes are the book's, moves and rewards are as the book defines them, maps are checked. */
class GridWorldTest {
    private static final float[] UP = {0};
    private static final float[] DOWN = {1};
    private static final float[] RIGHT = {2};
    private static final float[] LEFT = {3};

    @Test
    void theDynaMazeIsExample81() {
        GridMap maze = Mazes.dynaMaze();
        assertEquals(6, maze.rows());
        assertEquals(9, maze.cols());
        assertEquals(2 * 9, maze.start());
        assertEquals(8, maze.goal());
        assertEquals(47, maze.freeCells());
        assertEquals(14, DynaExperiments.shortestPath(maze));
        for (int[] wall : new int[][] {{1, 2}, {2, 2}, {3, 2}, {0, 7}, {1, 7}, {2, 7}, {4, 5}}) {
            assertTrue(maze.wall(wall[0] * 9 + wall[1]), "wall at " + wall[0] + "," + wall[1]);
        }
    }

    @Test
    void blockedMovesStayAndTheGoalPaysOneAndEnds() {
        GridMap map = GridMap.parse("tiny", List.of("S#G", "..."));
        try (GridWorld world = new GridWorld("tiny", map, List.of(), 0f, 50)) {
            assertEquals(0f, world.reset(1)[0]);
            assertEquals(0f, world.step(UP).observation()[0], "off the grid: stay");
            assertEquals(0f, world.step(RIGHT).observation()[0], "into the wall: stay");
            assertEquals(0f, world.step(LEFT).reward());
            assertEquals(3f, world.step(DOWN).observation()[0]);
            world.step(RIGHT);
            world.step(RIGHT);
            StepResult last = world.step(UP);
            assertEquals(2f, last.observation()[0]);
            assertEquals(1f, last.reward());
            assertTrue(last.terminated());
            assertEquals(7, world.totalSteps());
        }
    }

    @Test
    void theBlockingMazeMovesItsWallAfter1000Steps() {
        try (GridWorld world = Mazes.create("blocking-maze")) {
            world.reset(1);
            GridMap before = world.map();
            assertFalse(before.wall(3 * 9 + 8), "gap at the right end first");
            for (int i = 0; i < 1001; i++) {
                world.step(DOWN); // the start is on the bottom row: stays put
            }
            assertTrue(world.map().wall(3 * 9 + 8), "then a wall at the right end");
            assertFalse(world.map().wall(3 * 9), "and a gap at the left end");
        }
        try (GridWorld world = Mazes.create("shortcut-maze")) {
            world.reset(1);
            assertEquals(16, DynaExperiments.shortestPath(world.map()));
            for (int i = 0; i < 3001; i++) {
                world.step(DOWN);
            }
            assertEquals(10, DynaExperiments.shortestPath(world.map()), "the shortcut opened");
        }
    }

    @Test
    void aPlayerCanMoveTheWallsButNotTheStartOrGoal() {
        try (GridWorld world = Mazes.create("blocking-maze")) {
            world.reset(1);
            GridMap after = world.schedule().get(0).map();
            world.changeLayout(after);
            assertTrue(world.map().wall(3 * 9 + 8), "the change applies at once");
            assertEquals(0, world.totalSteps());
            GridMap otherGoal = GridMap.parse("moved goal", List.of(
                    ".......G.", ".........", ".........", "########.", ".........", "...S....."));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> world.changeLayout(otherGoal));
            assertTrue(e.getMessage().contains("may move walls only") && e.getMessage().contains("moved goal"), e.getMessage());
            assertTrue(world.map().wall(3 * 9 + 8), "a refused layout changes nothing");
        }
    }

    @Test
    void slipSendsAFifthOfMovesSideways() {
        try (GridWorld world = Mazes.create("dyna-maze-slip")) {
            int sideways = 0;
            int n = 4000;
            for (int i = 0; i < n; i++) {
                world.reset(i);
                world.step(UP); // from (2,0) up leads to (1,0); a slip goes right (2,1) or left (stays)
                if (world.cell() != 9) {
                    sideways++;
                }
            }
            assertEquals(0.2, sideways / (double) n, 0.03);
        }
    }

    @Test
    void badMapsAndActionsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridMap.parse("m", List.of("..G")))
                .getMessage().contains("no S"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridMap.parse("m", List.of("S..", "G.")))
                .getMessage().contains("ragged"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridMap.parse("m", List.of("S.x", "..G")))
                .getMessage().contains("unknown cell 'x'"));
        try (GridWorld world = Mazes.create("dyna-maze")) {
            world.reset(1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> world.step(new float[] {4}));
            assertTrue(e.getMessage().contains("0 to 3"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> world.step(new float[] {1.5f}));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mazes.create("nope")).getMessage()
                .contains("dyna-maze"));
    }
}
