package dev.foresight.demo.game;

import dev.foresight.planning.PlannerConfig;
import java.nio.file.Path;

/**
 * How the game starts.
 *
 * @param level the level to open directly, or null for the level menu
 * @param fromModel whether the agent starts from a model (the level's shipped one, or {@code modelFile})
 *                  instead of from scratch
 * @param modelFile the model to start from instead of the shipped one (null: the shipped one)
 * @param seed seeds episodes, exploration, training and planning
 * @param frames frames to render before exiting (0: until the player quits)
 * @param screenshot where to write a PNG of the last frame (null: none; needs {@code frames})
 * @param frameTimes where to write one frame time in milliseconds per line (null: none)
 * @param width window width in pixels
 * @param height window height in pixels
 * @param fps frame-rate cap (0: none)
 * @param policyMode whether levels start in POLICY mode (acting with their shipped policy, no planning)
 * @param mazeSpeed the maze level's pace: real steps per second made by each agent (planning adds its
 *                  own updates to each step)
 * @param maze the maze the maze level starts with (one of {@link MazeRace#MAZES})
 * @param wallAfter the maze level: real steps per agent after which the walls move by themselves (0: only
 *                  the player's key moves them)
 * @param planner the physics levels' planner: a preset ({@link PlannerConfig#PRESETS}, e.g. "ilqr"),
 *                {@value #TREE_SEARCH} (Monte Carlo tree search over a few action levels, its tree
 *                drawn), or null for the game's default ({@link PlannerConfig#interactive()})
 */
public record GameOptions(Level level, boolean fromModel, Path modelFile, long seed, int frames, Path screenshot, Path frameTimes,
                          int width, int height, int fps, boolean policyMode, float mazeSpeed, String maze,
                          long wallAfter, String planner) {
    /** The planner name that makes the physics levels decide by tree search. */
    public static final String TREE_SEARCH = "mcts";

    /** The maze level's default pace, in real steps per second per agent. */
    public static final float DEFAULT_MAZE_SPEED = 30f;
    /** The maze level's fastest pace. */
    public static final float MAX_MAZE_SPEED = 100_000f;

    public GameOptions {
        if (frames < 0) {
            throw new IllegalArgumentException("--frames must be >= 0, got " + frames);
        }
        if (screenshot != null && frames == 0) {
            throw new IllegalArgumentException("--screenshot needs --frames N (the screenshot is of frame N)");
        }
        if (width < 320 || height < 240) {
            throw new IllegalArgumentException("the window must be at least 320x240, got " + width + "x" + height);
        }
        if (fps < 0) {
            throw new IllegalArgumentException("--fps must be >= 0, got " + fps);
        }
        if (!(mazeSpeed > 0 && mazeSpeed <= MAX_MAZE_SPEED)) {
            throw new IllegalArgumentException("--speed must be in (0, " + (int) MAX_MAZE_SPEED + "] steps per second, got "
                    + mazeSpeed);
        }
        MazeRace.requireValid(maze, wallAfter);
        if (planner != null && !planner.equals(TREE_SEARCH) && !PlannerConfig.PRESETS.contains(planner)) {
            throw new IllegalArgumentException("unknown planner '" + planner + "'; known: "
                    + String.join(", ", PlannerConfig.PRESETS) + ", " + TREE_SEARCH);
        }
    }

    /** @return whether the physics levels decide by tree search ({@value #TREE_SEARCH}) */
    public boolean treeSearch() {
        return TREE_SEARCH.equals(planner);
    }

    /**
     * @return the physics levels' sequence planner: the named preset, or {@link PlannerConfig#interactive()}
     *         (also with tree search, for the settings it shares)
     */
    public PlannerConfig plannerConfig() {
        return planner == null || treeSearch() ? PlannerConfig.interactive() : PlannerConfig.named(planner);
    }

    /** @return these options with the menu's "start from the shipped model" switch set to {@code on} */
    public GameOptions withFromModel(boolean on) {
        return new GameOptions(level, on, modelFile, seed, frames, screenshot, frameTimes, width, height, fps, policyMode,
                mazeSpeed, maze, wallAfter, planner);
    }
}
