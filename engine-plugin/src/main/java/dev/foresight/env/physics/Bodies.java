package dev.foresight.env.physics;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;

/** Small helpers the built-in tasks share for setting up and reading rigid bodies. */
final class Bodies {
    private Bodies() {
    }

    /**
     * Makes a body that never sleeps and collides with nothing (joints hold it in place): it sits
     * alone in collision group 16 and collides with no group.
     *
     * @param body the body to configure (modified)
     * @return the same body
     */
    static PhysicsRigidBody nonColliding(PhysicsRigidBody body) {
        body.setEnableSleep(false);
        body.setCollisionGroup(PhysicsCollisionObject.COLLISION_GROUP_16);
        body.setCollideWithGroups(PhysicsCollisionObject.COLLISION_GROUP_NONE);
        return body;
    }

    /**
     * Sets the inverse inertia of a thin uniform rod lying along its local y axis, so that the
     * moment of inertia about its centre is exactly {@code m·L²/12} about x and z.
     *
     * @param rod the rod (modified)
     * @param mass its mass (in kilograms, &gt;0)
     * @param length its length (in metres, &gt;0)
     */
    static void setThinRodInertia(PhysicsRigidBody rod, float mass, float length) {
        float i = mass * length * length / 12f;
        Vector3f inverse = rod.getInverseInertiaLocal(null);
        rod.setInverseInertiaLocal(new Vector3f(1f / i, inverse.y, 1f / i));
    }

    /**
     * Places a rod that pivots about the world z axis at {@code pivot}, pointing along
     * {@code (-sin θ, cos θ, 0)} (θ = 0 is straight up, counter-clockwise positive), and gives it
     * angular velocity θ̇ about z with the matching linear velocity of its centre.
     *
     * @param rod the rod, centred at half its length from the pivot (modified)
     * @param pivot the pivot (in world coordinates, unaffected)
     * @param halfLength half the rod's length (in metres)
     * @param theta the angle (in radians)
     * @param thetaDot the angular velocity (in radians per second)
     * @param pivotVelocity the velocity of the pivot point (in metres per second, unaffected)
     */
    static void placeRodAboutZ(PhysicsRigidBody rod, Vector3f pivot, float halfLength, float theta,
                               float thetaDot, Vector3f pivotVelocity) {
        float sin = (float) Math.sin(theta);
        float cos = (float) Math.cos(theta);
        rod.setPhysicsRotation(new Quaternion().fromAngleNormalAxis(theta, Vector3f.UNIT_Z));
        rod.setPhysicsLocation(new Vector3f(pivot.x - halfLength * sin, pivot.y + halfLength * cos, pivot.z));
        rod.setAngularVelocity(new Vector3f(0f, 0f, thetaDot));
        rod.setLinearVelocity(new Vector3f(pivotVelocity.x - thetaDot * halfLength * cos,
                pivotVelocity.y - thetaDot * halfLength * sin, pivotVelocity.z));
    }

    /**
     * Reads the angle of a rod placed as in {@link #placeRodAboutZ}: writes {@code cos θ} and
     * {@code sin θ}.
     *
     * @param rod the rod (unaffected)
     * @param rotationScratch scratch storage (modified)
     * @param directionScratch scratch storage (modified)
     * @param out storage (modified): {@code out[at] = cos θ, out[at+1] = sin θ}
     * @param at index of the first value written
     */
    static void rodCosSin(PhysicsRigidBody rod, Quaternion rotationScratch, Vector3f directionScratch,
                          float[] out, int at) {
        rod.getPhysicsRotation(rotationScratch).mult(Vector3f.UNIT_Y, directionScratch);
        float norm = (float) Math.sqrt(directionScratch.x * directionScratch.x + directionScratch.y * directionScratch.y);
        out[at] = directionScratch.y / norm;
        out[at + 1] = -directionScratch.x / norm;
    }

    /** @return a uniform float in [lo, hi) from {@code random} */
    static float uniform(java.util.SplittableRandom random, float lo, float hi) {
        return (float) (lo + (hi - lo) * random.nextDouble());
    }
}
