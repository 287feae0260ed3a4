/**
 * Environments backed by real Minie (Bullet) physics scenes, and the built-in tasks.
 *
 * <p>A {@link dev.foresight.env.physics.PhysicsTask} describes a character: its bodies and joints,
 * how an action is applied before each physics tick, what is observed after it, the reward, and how
 * an episode starts. {@link dev.foresight.env.physics.PhysicsEnvironment} runs a task headless in a
 * space of its own; the jME integration runs the same task inside a game's space.
 *
 * <p>Built-in tasks ({@link dev.foresight.env.physics.BuiltInTasks}): {@code pendulum},
 * {@code cartpole}, {@code reacher}, {@code ball}. All use a fixed physics step of 1/60 s and, by
 * default, an action repeat of 3 (20 Hz control).
 */
package dev.foresight.env.physics;
