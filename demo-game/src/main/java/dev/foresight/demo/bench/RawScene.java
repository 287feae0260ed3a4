package dev.foresight.demo.bench;

import com.jme3.bullet.PhysicsSpace;
import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.joints.PhysicsJoint;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.env.physics.PhysicsNatives;
import dev.foresight.env.physics.PhysicsTask;
import dev.foresight.util.RandomStream;

/**
 * A built-in task's bodies and joints in a bare Minie space, driven the way a hand-written loop
 * would: the task's forces applied directly before each {@code space.update}, with no environment
 * layer (no validation, clipping, observation, reward, checks or episode handling). The baseline
 * the environment layer is compared with. Must be created and stepped on one thread.
 */
final class RawScene implements AutoCloseable {
    private final PhysicsSpace space;
    private final PhysicsTask task;
    private final int ticksPerStep;

    RawScene(String taskName, long seed) {
        PhysicsNatives.load();
        task = BuiltInTasks.create(taskName);
        space = new PhysicsSpace(PhysicsSpace.BroadphaseType.DBVT);
        PhysicsEnvironment.configureSpace(space);
        task.reset(new RandomStream(seed));
        for (PhysicsCollisionObject object : task.collisionObjects()) {
            space.addCollisionObject(object);
        }
        for (PhysicsJoint joint : task.joints()) {
            space.addJoint(joint);
        }
        ticksPerStep = PhysicsEnvironment.DEFAULT_ACTION_REPEAT;
    }

    /**
     * Advances one control step's worth of physics ticks under an action.
     *
     * @param action {@code [actionDim]}, within bounds (unaffected)
     */
    void step(float[] action) {
        for (int tick = 0; tick < ticksPerStep; tick++) {
            task.applyAction(action, PhysicsEnvironment.PHYSICS_STEP_SECONDS);
            space.update(PhysicsEnvironment.PHYSICS_STEP_SECONDS, 0);
        }
    }

    /** @return the spec of the task, for its default action repeat */
    dev.foresight.env.EnvSpec spec() {
        return task.spec(ticksPerStep * PhysicsEnvironment.PHYSICS_STEP_SECONDS);
    }

    @Override
    public void close() {
        space.destroy();
    }
}
