package dev.foresight.env.physics;

import com.jme3.bullet.PhysicsSpace;
import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.joints.PhysicsJoint;
import com.jme3.bullet.objects.PhysicsRigidBody;

/**
 * Puts a task's bodies and joints into a space and takes them out: the reset protocol shared by
 * {@link PhysicsEnvironment} and the jME integration (take out, reset, put back reproduces
 * trajectories; moving touching bodies in place does not, see DESIGN.md). Also the observation
 * validity test both use.
 *
 * <p>Threading: the space's thread.
 */
public final class TaskPlacement {
    private TaskPlacement() {
    }

    /**
     * Adds the task's collision objects (forces cleared), then its joints.
     *
     * @param space the space (modified)
     * @param task the task, whose objects are in no space (unaffected)
     */
    public static void add(PhysicsSpace space, PhysicsTask task) {
        for (PhysicsCollisionObject object : task.collisionObjects()) {
            if (object instanceof PhysicsRigidBody body) {
                body.clearForces();
            }
            space.addCollisionObject(object);
        }
        for (PhysicsJoint joint : task.joints()) {
            space.addJoint(joint);
        }
    }

    /**
     * Removes whichever of the task's joints, then collision objects, are in the space.
     *
     * @param space the space (modified)
     * @param task the task (unaffected)
     */
    public static void remove(PhysicsSpace space, PhysicsTask task) {
        for (PhysicsJoint joint : task.joints()) {
            if (space.contains(joint)) {
                space.removeJoint(joint);
            }
        }
        for (PhysicsCollisionObject object : task.collisionObjects()) {
            if (space.contains(object)) {
                space.removeCollisionObject(object);
            }
        }
    }

    /**
     * @param obs an observation (unaffected)
     * @return whether every value is finite and within ±{@link PhysicsEnvironment#BLOW_UP_LIMIT}
     */
    public static boolean isValid(float[] obs) {
        for (float v : obs) {
            if (!(Math.abs(v) <= PhysicsEnvironment.BLOW_UP_LIMIT)) {
                return false;
            }
        }
        return true;
    }
}
