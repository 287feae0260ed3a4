package dev.foresight.env.physics;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Finds a task by what a user types: a built-in name ({@link BuiltInTasks#names()}) or the fully
 * qualified name of a {@link PhysicsTask} class on the classpath with a public no-argument
 * constructor (e.g. {@code com.example.MyTask}) — so that a user's own task trains and evaluates
 * through the same runs and command line as the built-in ones.
 */
public final class PhysicsTasks {
    private PhysicsTasks() {
    }

    /**
     * Checks that {@code nameOrClass} names a task, without creating one (nothing native is touched).
     *
     * @param nameOrClass a built-in name or a class name
     * @throws IllegalArgumentException naming the problem and the built-in names
     */
    public static void check(String nameOrClass) {
        if (!BuiltInTasks.names().contains(nameOrClass)) {
            taskClass(nameOrClass);
        }
    }

    /**
     * @param nameOrClass a built-in name or a class name
     * @return a new task
     * @throws IllegalArgumentException naming the problem and the built-in names
     */
    public static PhysicsTask create(String nameOrClass) {
        if (BuiltInTasks.names().contains(nameOrClass)) {
            return BuiltInTasks.create(nameOrClass);
        }
        Constructor<? extends PhysicsTask> constructor = taskClass(nameOrClass);
        PhysicsNatives.load();
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("creating task " + nameOrClass + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create task " + nameOrClass + ": " + e, e);
        }
    }

    /**
     * Creates a headless environment for a task on the calling thread.
     *
     * @param nameOrClass a built-in name or a class name
     * @return a new environment with the default action repeat
     * @throws IllegalArgumentException if no such task exists
     */
    public static PhysicsEnvironment environment(String nameOrClass) {
        return new PhysicsEnvironment(create(nameOrClass));
    }

    private static Constructor<? extends PhysicsTask> taskClass(String name) {
        String known = "known environments: " + String.join(", ", BuiltInTasks.names())
                + ", or the class name of a PhysicsTask on the classpath";
        if (name == null || name.isBlank() || !name.contains(".")) {
            throw new IllegalArgumentException("unknown environment '" + name + "'; " + known);
        }
        Class<?> type;
        try {
            type = Class.forName(name, false, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : PhysicsTasks.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("unknown environment '" + name + "': no such class on the classpath"
                    + " (add its jar with java -cp); " + known);
        }
        if (!PhysicsTask.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(name + " is not a " + PhysicsTask.class.getName() + "; " + known);
        }
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new IllegalArgumentException(name + " is abstract; name a concrete PhysicsTask class");
        }
        try {
            return type.asSubclass(PhysicsTask.class).getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(name + " needs a public no-argument constructor to be created by name");
        }
    }
}
