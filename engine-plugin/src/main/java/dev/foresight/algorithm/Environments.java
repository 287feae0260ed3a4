package dev.foresight.algorithm;

import dev.foresight.env.DiscreteActions;
import dev.foresight.env.Distractors;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.Environment;
import dev.foresight.env.grid.Mazes;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsTasks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every environment a run can name: the built-in physics tasks, their versions with discrete
 * actions ({@link DiscreteActions}: {@code cartpole-discrete}, 3 forces; {@code pendulum-discrete},
 * 5 torques), the built-in grid worlds ({@link Mazes}) and users' {@code PhysicsTask} classes by
 * class name; any of them with {@code -distractD} appended ({@link Distractors}: D noise dimensions
 * added to the observation, e.g. {@code cartpole-discrete-distract8}).
 */
public final class Environments {
    /** The discrete versions of physics tasks: name → (task, number of levels). */
    private static final Map<String, Map.Entry<String, Integer>> DISCRETE = new LinkedHashMap<>();

    static {
        DISCRETE.put("cartpole-discrete", Map.entry("cartpole", 3));
        DISCRETE.put("pendulum-discrete", Map.entry("pendulum", 5));
    }

    private Environments() {
    }

    /** @return the built-in names: physics tasks, their discrete versions, then mazes */
    public static List<String> builtIn() {
        List<String> names = new ArrayList<>(BuiltInTasks.names());
        names.addAll(DISCRETE.keySet());
        names.addAll(Mazes.names());
        return names;
    }

    /**
     * @param name a built-in name or a {@code PhysicsTask} class name
     * @throws IllegalArgumentException naming the built-ins if it is neither
     */
    public static void check(String name) {
        java.util.Map.Entry<String, Integer> distracted = distracted(name);
        if (distracted != null) {
            check(distracted.getKey());
            return;
        }
        if (!Mazes.has(name) && !DISCRETE.containsKey(name)) {
            try {
                PhysicsTasks.check(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + "; with discrete actions: "
                        + String.join(", ", DISCRETE.keySet()) + "; grid worlds: " + String.join(", ", Mazes.names()), e);
            }
        }
    }

    /**
     * @param task a physics task's name
     * @return the number of action levels of its discrete version ({@code TASK-discrete}), or 3 for
     *         a task that has none (the least that brakes: low, middle, high)
     */
    public static int discreteLevels(String task) {
        Map.Entry<String, Integer> discrete = DISCRETE.get(task + "-discrete");
        return discrete != null ? discrete.getValue() : 3;
    }

    /**
     * @param name a built-in name or a {@code PhysicsTask} class name
     * @return a fresh environment (the caller closes it, on the thread that made it)
     */
    public static Environment create(String name) {
        check(name);
        java.util.Map.Entry<String, Integer> distracted = distracted(name);
        if (distracted != null) {
            return new Distractors(create(distracted.getKey()), distracted.getValue());
        }
        if (Mazes.has(name)) {
            return Mazes.create(name);
        }
        Map.Entry<String, Integer> discrete = DISCRETE.get(name);
        return discrete != null ? new DiscreteActions(PhysicsTasks.environment(discrete.getKey()), discrete.getValue())
                : PhysicsTasks.environment(name);
    }

    /** @return (wrapped name, D) for {@code NAME-distractD} with D &ge; 1, else null */
    private static Map.Entry<String, Integer> distracted(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+)-distract([0-9]{1,4})").matcher(name);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
            return null;
        }
        return Map.entry(m.group(1), Integer.parseInt(m.group(2)));
    }

    /**
     * @param name a built-in name or a {@code PhysicsTask} class name
     * @return its spec (an environment is made and closed on this thread to read it)
     */
    public static EnvSpec spec(String name) {
        try (Environment environment = create(name)) {
            return environment.spec();
        }
    }
}
