package dev.foresight.demo.game;

import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsTask;
import java.util.Arrays;
import java.util.Locale;

/**
 * The demo's levels: a built-in physics task each, with a camera, a colour, and the shipped model's
 * asset name ({@code models/NAME.onnx}, bundled in the jar); and the maze, where tabular Dyna
 * agents race ({@link MazeRace}; no physics, no model file: {@link #physics()} is false).
 */
public enum Level {
    PENDULUM("Pendulum", "swing the rod up and keep it there",
            new Vector3f(0f, 0.2f, 4.2f), new Vector3f(0f, 0f, 0f), new ColorRGBA(0.3f, 0.6f, 1f, 1f), 0.025f),
    CARTPOLE("Cart-pole", "swing the pole up by moving the cart",
            new Vector3f(0f, 0.6f, 4.5f), new Vector3f(0f, 0.1f, 0f), new ColorRGBA(0.35f, 0.85f, 0.45f, 1f), 0.02f),
    REACHER("Reacher", "reach the red target with the arm's tip (click to move it)",
            new Vector3f(0f, 2.1f, 1.0f), new Vector3f(0f, 0f, 0.05f), new ColorRGBA(1f, 0.6f, 0.2f, 1f), 0.012f),
    BALL("Ball", "push the ball to the red spot (click the floor to move it)",
            new Vector3f(0f, 9f, 8.5f), new Vector3f(0f, 0f, 0f), new ColorRGBA(0.3f, 0.75f, 1f, 1f), 0.06f),
    MAZE("Maze", "Dyna agents with 0, 5 and 50 planning steps race to the goal",
            new Vector3f(0f, 0f, 0f), new Vector3f(0f, 0f, -1f), new ColorRGBA(1f, 0.78f, 0.15f, 1f), 0f);

    private final String title;
    private final String goal;
    private final Vector3f cameraLocation;
    private final Vector3f lookAt;
    private final ColorRGBA color;
    private final float markerSize;

    Level(String title, String goal, Vector3f cameraLocation, Vector3f lookAt, ColorRGBA color, float markerSize) {
        this.title = title;
        this.goal = goal;
        this.cameraLocation = cameraLocation;
        this.lookAt = lookAt;
        this.color = color;
        this.markerSize = markerSize;
    }

    /** @return the imagined-futures view's marker size for this level's scale (in metres) */
    public float markerSize() {
        return markerSize;
    }

    /** @return the registered environment name, e.g. "pendulum" */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the name shown to players */
    public String title() {
        return title;
    }

    /** @return one line saying what the agent tries to do */
    public String goal() {
        return goal;
    }

    /** @return whether the level is a physics task with a learned model (all but the maze) */
    public boolean physics() {
        return this != MAZE;
    }

    /**
     * @return a new character for this level (call on the render thread)
     * @throws IllegalStateException for the maze, which has no physics
     */
    public PhysicsTask newTask() {
        if (!physics()) {
            throw new IllegalStateException("the " + title + " level has no physics task");
        }
        return BuiltInTasks.create(id());
    }

    /** @return where the camera stands */
    public Vector3f cameraLocation() {
        return cameraLocation.clone();
    }

    /** @return where the camera looks */
    public Vector3f lookAt() {
        return lookAt.clone();
    }

    /** @return the character's colour */
    public ColorRGBA color() {
        return color.clone();
    }

    /** @return the shipped model's asset name */
    public String modelAsset() {
        return "models/" + id() + ".onnx";
    }

    /** @return the shipped policy's asset name (not every level ships one) */
    public String policyAsset() {
        return "models/" + id() + "-policy.onnx";
    }

    /**
     * @param id a level id, e.g. "ball"
     * @return the level
     * @throws IllegalArgumentException naming the known levels
     */
    public static Level parse(String id) {
        for (Level level : values()) {
            if (level.id().equals(id)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown level '" + id + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(Level::id).toList()));
    }
}
