package dev.foresight.env.physics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in tasks by name: {@code pendulum}, {@code cartpole}, {@code reacher}, {@code ball}, and
 * {@code cartpole-balance} (which terminates, see {@link CartpoleTask#balancing()}).
 */
public final class BuiltInTasks {
    private static final Map<String, Supplier<PhysicsTask>> TASKS = new LinkedHashMap<>();

    static {
        TASKS.put(PendulumTask.NAME, PendulumTask::new);
        TASKS.put(CartpoleTask.NAME, CartpoleTask::new);
        TASKS.put(ReacherTask.NAME, ReacherTask::new);
        TASKS.put(BallTask.NAME, BallTask::new);
        TASKS.put(CartpoleTask.BALANCE_NAME, CartpoleTask::balancing);
    }

    private BuiltInTasks() {
    }

    /** @return the registered names, in a stable order */
    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    /**
     * @param name a registered name
     * @return a new task
     * @throws IllegalArgumentException naming the known tasks if {@code name} is not one of them
     */
    public static PhysicsTask create(String name) {
        Supplier<PhysicsTask> factory = TASKS.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown environment '" + name + "'; known environments: "
                    + String.join(", ", TASKS.keySet()));
        }
        return factory.get();
    }

    /**
     * Creates a headless environment for a built-in task on the calling thread.
     *
     * @param name a registered name
     * @return a new environment with the default action repeat
     * @throws IllegalArgumentException if {@code name} is unknown
     */
    public static PhysicsEnvironment environment(String name) {
        PhysicsTask task = create(name);
        return new PhysicsEnvironment(task);
    }
}
