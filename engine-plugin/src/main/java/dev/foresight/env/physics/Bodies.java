package dev.foresight.env.physics;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.collision.shapes.BoxCollisionShape;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import dev.foresight.util.RandomStream;

/**
 * Helpers for writing a {@link PhysicsTask}: building and configuring rigid bodies, placing and
 * reading rods that turn about a hinge, and drawing start states. The built-in tasks use them.
 *
 * <p>Units: SI throughout (metres, kilograms, seconds, radians). Ownership: the bodies made or
 * configured here belong to the calling task; nothing is retained by this class. Vector and
 * quaternion arguments are read, never kept or modified (except where "modified" is stated).
 *
 * <p>Call {@link PhysicsNatives#load()} before creating any Minie object (the built-in tasks do it
 * in their constructors). Threading: no state; the bodies' own rules apply (use a body on the
 * thread that steps its space).
 */
public final class Bodies {
    private Bodies() {
    }

    /**
     * Makes a body that never sleeps and collides with nothing (joints hold it in place): it sits
     * alone in collision group 16 and collides with no group. Typical for the links of an
     * articulated character whose joints, not contacts, define its motion.
     *
     * @param body the body to configure (modified)
     * @return the same body
     */
    public static PhysicsRigidBody nonColliding(PhysicsRigidBody body) {
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
    public static void setThinRodInertia(PhysicsRigidBody rod, float mass, float length) {
        float i = mass * length * length / 12f;
        Vector3f inverse = rod.getInverseInertiaLocal(null);
        rod.setInverseInertiaLocal(new Vector3f(1f / i, inverse.y, 1f / i));
    }

    /**
     * Builds a thin uniform rod: a dynamic body with a box shape of square cross-section lying along
     * its local y axis, whose moment of inertia about its centre is exactly {@code m·L²/12} about x
     * and z ({@link #setThinRodInertia}). The body is in no space and keeps Minie's defaults
     * otherwise (gravity not protected, sleeping allowed, colliding with group 1).
     *
     * @param mass the rod's mass (in kilograms, &gt;0)
     * @param length its length (in metres, &gt;0)
     * @param halfThickness half the side of its cross-section (in metres, &gt;0)
     * @return a new body owned by the caller
     */
    public static PhysicsRigidBody thinRod(float mass, float length, float halfThickness) {
        PhysicsRigidBody rod = new PhysicsRigidBody(new BoxCollisionShape(halfThickness, length / 2f, halfThickness), mass);
        setThinRodInertia(rod, mass, length);
        return rod;
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
    public static void placeRodAboutZ(PhysicsRigidBody rod, Vector3f pivot, float halfLength, float theta,
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
    public static void rodCosSin(PhysicsRigidBody rod, Quaternion rotationScratch, Vector3f directionScratch,
                          float[] out, int at) {
        rod.getPhysicsRotation(rotationScratch).mult(Vector3f.UNIT_Y, directionScratch);
        float norm = (float) Math.sqrt(directionScratch.x * directionScratch.x + directionScratch.y * directionScratch.y);
        out[at] = directionScratch.y / norm;
        out[at + 1] = -directionScratch.x / norm;
    }

    /**
     * Draws a uniform float, e.g. a start state in {@link PhysicsTask#reset}: one
     * {@code nextDouble()} from the stream.
     *
     * @param random the episode's random stream (modified: advanced by one double)
     * @param lo the lower bound (inclusive)
     * @param hi the upper bound (exclusive, &ge; lo)
     * @return a float in [lo, hi)
     */
    public static float uniform(RandomStream random, float lo, float hi) {
        return (float) (lo + (hi - lo) * random.nextDouble());
    }
}
