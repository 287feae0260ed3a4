package dev.foresight.env.physics;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.joints.PhysicsJoint;
import dev.foresight.env.EnvSpec;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * A physics character an agent controls: the bodies and joints of its scene, how an action moves
 * it, what the agent observes, the reward, and how an episode starts.
 *
 * <p>Life cycle, driven by {@link PhysicsEnvironment} (headless) or by the jME integration:
 * <ol>
 *   <li>the constructor creates the bodies and joints, outside any space (call
 *       {@link PhysicsNatives#load()} before creating any Minie object);</li>
 *   <li>{@link #reset(RandomStream)} puts them in a random initial state while they are
 *       <em>out of</em> the space (re-adding them afterwards is what makes episodes reproducible,
 *       see DESIGN.md);</li>
 *   <li>each physics tick of a control step: {@link #applyAction(float[], float)} before it;</li>
 *   <li>after the control step's last tick: {@link #endControlStep()}, then
 *       {@link #observe(float[])}.</li>
 * </ol>
 *
 * <p><b>Gravity.</b> Minie gives a rigid body the space's gravity when it is added to a space (and
 * when the space's gravity changes) unless the body's gravity is <em>protected</em>
 * ({@code PhysicsRigidBody.setProtectGravity(true)}, checked by {@code isGravityProtected()}). A
 * task that needs its own gravity (e.g. the pendulum's 10 m/s², or none for a planar arm) must
 * call {@code setProtectGravity(true)} and then {@code setGravity(...)} on each dynamic body;
 * otherwise it behaves differently in a game's space (Minie's default −9.81 m/s² along y) than in
 * training. Bullet applies gravity and clears forces once per {@code stepSimulation}, not per
 * tick; {@link PhysicsEnvironment} takes one tick per update and the jME integration restores the
 * forces between ticks, so {@link #applyAction} always adds to gravity alone.
 *
 * <p>Helpers for building bodies and reading rods: {@link Bodies}. Reward and termination must be
 * the spec's batched functions of observations (so that planners can score imagined states).
 *
 * <p>Threading: all methods are called on the thread that steps the task's physics space.
 */
public interface PhysicsTask {
    /**
     * @param controlPeriodSeconds simulated seconds per control step (&gt;0)
     * @return the spec of environments running this task (not null)
     */
    EnvSpec spec(float controlPeriodSeconds);

    /** @return every collision object of the scene, in the order they are added (not null) */
    List<PhysicsCollisionObject> collisionObjects();

    /** @return every joint of the scene, added after the collision objects (not null) */
    List<PhysicsJoint> joints();

    /**
     * Puts the scene in a new initial state: positions, rotations, velocities, targets.
     * Called while the task's objects are not in a space.
     *
     * @param random the episode's random stream (not null)
     */
    void reset(RandomStream random);

    /**
     * Applies an action for the coming physics tick (forces and torques are cleared after each tick).
     *
     * @param action the clipped action, {@code [actionDim]} (unaffected)
     * @param tickSeconds the length of the tick (in seconds, &gt;0)
     */
    void applyAction(float[] action, float tickSeconds);

    /**
     * Called after the last physics tick of a control step, before {@link #observe(float[])}, e.g. to
     * enforce a speed limit once per step. Does nothing by default.
     */
    default void endControlStep() {
    }

    /**
     * Reads the observation.
     *
     * @param obs storage for the observation, {@code [obsDim]} (modified)
     */
    void observe(float[] obs);

    /**
     * The world point that stands for an observed state in drawings, e.g. the pendulum's tip: the
     * debug view draws imagined trajectories through these points. Returns false (draw nothing)
     * by default.
     *
     * @param obs observations, row-major (unaffected)
     * @param offset index of the observation's first value in {@code obs}
     * @param store storage for the point, in world coordinates (metres; modified)
     * @return whether the task has such a point
     */
    default boolean trackedPoint(float[] obs, int offset, com.jme3.math.Vector3f store) {
        return false;
    }
}
