package dev.foresight.algorithm;

import dev.foresight.env.Environment;
import dev.foresight.env.grid.Mazes;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsTasks;
import java.util.ArrayList;
import java.util.List;

/**
 * Every environment a run can name: the built-in physics tasks, the built-in grid worlds
 * ({@link Mazes}) and users' {@code PhysicsTask} classes by class name.
 */
public final class Environments {
    private Environments() {
    }

    /** @return the built-in names: physics tasks, then mazes */
    public static List<String> builtIn() {
        List<String> names = new ArrayList<>(BuiltInTasks.names());
        names.addAll(Mazes.names());
        return names;
    }

    /**
     * @param name a built-in name or a {@code PhysicsTask} class name
     * @throws IllegalArgumentException naming the built-ins if it is neither
     */
    public static void check(String name) {
        if (!Mazes.has(name)) {
            try {
                PhysicsTasks.check(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + "; grid worlds: " + String.join(", ", Mazes.names()), e);
            }
        }
    }

    /**
     * @param name a built-in name or a {@code PhysicsTask} class name
     * @return a fresh environment (the caller closes it, on the thread that made it)
     */
    public static Environment create(String name) {
        check(name);
        return Mazes.has(name) ? Mazes.create(name) : PhysicsTasks.environment(name);
    }
}
