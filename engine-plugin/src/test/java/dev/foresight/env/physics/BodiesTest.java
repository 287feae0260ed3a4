package dev.foresight.env.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import dev.foresight.util.RandomStream;
import org.junit.jupiter.api.Test;

/** The public helpers a task author builds bodies with. */
class BodiesTest {
    static {
        PhysicsNatives.load();
    }

    @Test
    void aThinRodHasTheRodsMomentOfInertia() {
        PhysicsRigidBody rod = Bodies.thinRod(2f, 1.5f, 0.03f);
        assertEquals(2f, rod.getMass(), 0f);
        float expected = 2f * 1.5f * 1.5f / 12f;
        Vector3f inverse = rod.getInverseInertiaLocal(null);
        assertEquals(1f / expected, inverse.x, 1e-6f * inverse.x);
        assertEquals(1f / expected, inverse.z, 1e-6f * inverse.z);
        assertFalse(rod.isGravityProtected(), "the builder leaves gravity to the task");
    }

    @Test
    void aNonCollidingBodyCollidesWithNothing() {
        PhysicsRigidBody body = Bodies.nonColliding(Bodies.thinRod(1f, 1f, 0.02f));
        assertEquals(PhysicsCollisionObject.COLLISION_GROUP_NONE, body.getCollideWithGroups());
        assertEquals(PhysicsCollisionObject.COLLISION_GROUP_16, body.getCollisionGroup());
    }

    @Test
    void aPlacedRodReadsBackItsAngle() {
        PhysicsRigidBody rod = Bodies.thinRod(1f, 1f, 0.02f);
        float[] cosSin = new float[3];
        for (float theta : new float[] {0f, 0.7f, -2.5f, 3.1f}) {
            Bodies.placeRodAboutZ(rod, new Vector3f(1f, 2f, 0f), 0.5f, theta, 0.3f, Vector3f.ZERO);
            Bodies.rodCosSin(rod, new Quaternion(), new Vector3f(), cosSin, 1);
            assertEquals(Math.cos(theta), cosSin[1], 1e-6);
            assertEquals(Math.sin(theta), cosSin[2], 1e-6);
            Vector3f centre = rod.getPhysicsLocation(null);
            assertEquals(1f - 0.5f * Math.sin(theta), centre.x, 1e-6);
            assertEquals(2f + 0.5f * Math.cos(theta), centre.y, 1e-6);
        }
    }

    @Test
    void uniformDrawsInsideItsRange() {
        RandomStream random = new RandomStream(1);
        for (int i = 0; i < 1000; i++) {
            float v = Bodies.uniform(random, -0.5f, 2f);
            assertTrue(v >= -0.5f && v < 2f, "v = " + v);
        }
    }
}
