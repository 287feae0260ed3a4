package dev.foresight.env.physics;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.collision.shapes.PlaneCollisionShape;
import com.jme3.bullet.collision.shapes.SphereCollisionShape;
import com.jme3.bullet.joints.PhysicsJoint;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.math.Plane;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import dev.foresight.env.BoxSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.TerminationFunction;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * A ball rolling on a floor, pushed by a bounded horizontal force to a target spot that can be
 * moved at any time ({@link #setTarget}): a 1 kg sphere of radius {@value #RADIUS} m on a static
 * plane at y = 0 (friction 0.5, linear and angular damping 0.2), gravity 9.81 m/s². 200 control
 * steps at 20 Hz.
 *
 * <ul>
 *   <li>Observation {@code [x, z, vx, vz, target_x, target_z]}: ball centre and velocity on the
 *       floor (m, m/s) and the target spot (m).</li>
 *   <li>Action {@code [fx, fz]} in [-1, 1], scaled to ±{@value #MAX_FORCE} N through the centre.</li>
 *   <li>Reward {@code −‖ball − target‖ − 0.01·‖a‖²}, from the state after the step.</li>
 *   <li>Start: ball at rest, uniform in [−3, 3]²; target uniform in [−4, 4]².
 *       Never terminates; truncated after 200 steps.</li>
 * </ul>
 */
public final class BallTask implements PhysicsTask {
    /** Registered name. */
    public static final String NAME = "ball";
    /** Ball radius (in metres). */
    public static final float RADIUS = 0.25f;
    /** Ball mass (in kilograms). */
    public static final float MASS = 1f;
    /** Force at |action| = 1 (in newtons). */
    public static final float MAX_FORCE = 5f;
    /** Half the side of the square the target is drawn from (in metres). */
    public static final float ARENA_HALF_SIZE = 4f;
    /** Episode length (in control steps). */
    public static final int EPISODE_STEPS = 200;

    private final PhysicsRigidBody floor;
    private final PhysicsRigidBody ball;
    private float targetX;
    private float targetZ;
    private final Vector3f force = new Vector3f();
    private final Vector3f scratchVector = new Vector3f();

    public BallTask() {
        PhysicsNatives.load();
        floor = new PhysicsRigidBody(new PlaneCollisionShape(new Plane(Vector3f.UNIT_Y, 0f)), PhysicsRigidBody.massForStatic);
        floor.setFriction(0.5f);
        ball = new PhysicsRigidBody(new SphereCollisionShape(RADIUS), MASS);
        ball.setEnableSleep(false);
        ball.setFriction(0.5f);
        ball.setDamping(0.2f, 0.2f);
        ball.setProtectGravity(true);
        ball.setGravity(new Vector3f(0f, -9.81f, 0f));
    }

    /** @return the ball's rigid body */
    public PhysicsRigidBody ball() {
        return ball;
    }

    /** @return the floor's (static) rigid body */
    public PhysicsRigidBody floor() {
        return floor;
    }

    /**
     * Moves the target spot; takes effect in the next observation. The agent needs no retraining:
     * the target is part of the observation.
     *
     * @param x the target's world x (in metres)
     * @param z the target's world z (in metres)
     */
    public void setTarget(float x, float z) {
        targetX = x;
        targetZ = z;
    }

    @Override
    public EnvSpec spec(float controlPeriodSeconds) {
        float inf = Float.POSITIVE_INFINITY;
        BoxSpace observations = new BoxSpace(new String[] {"x", "z", "vx", "vz", "target_x", "target_z"},
                new float[] {-inf, -inf, -inf, -inf, -inf, -inf}, new float[] {inf, inf, inf, inf, inf, inf});
        return new EnvSpec(NAME, observations, BoxSpace.symmetric(1f, "fx", "fz"), EPISODE_STEPS,
                controlPeriodSeconds, BallTask::reward, TerminationFunction.NEVER);
    }

    /**
     * Reward over a batch; see the class Javadoc.
     *
     * @param obs unused
     * @param action {@code [batch × 2]}
     * @param nextObs {@code [batch × 6]}
     * @param batch rows
     * @param rewards {@code [batch]} (modified)
     */
    static void reward(float[] obs, float[] action, float[] nextObs, int batch, float[] rewards) {
        for (int i = 0; i < batch; i++) {
            int o = 6 * i;
            float dx = nextObs[o] - nextObs[o + 4];
            float dz = nextObs[o + 1] - nextObs[o + 5];
            float a0 = action[2 * i];
            float a1 = action[2 * i + 1];
            rewards[i] = -(float) Math.sqrt(dx * dx + dz * dz) - 0.01f * (a0 * a0 + a1 * a1);
        }
    }

    @Override
    public List<PhysicsCollisionObject> collisionObjects() {
        return List.of(floor, ball);
    }

    @Override
    public List<PhysicsJoint> joints() {
        return List.of();
    }

    @Override
    public void reset(RandomStream random) {
        float x = Bodies.uniform(random, -3f, 3f);
        float z = Bodies.uniform(random, -3f, 3f);
        setTarget(Bodies.uniform(random, -ARENA_HALF_SIZE, ARENA_HALF_SIZE),
                Bodies.uniform(random, -ARENA_HALF_SIZE, ARENA_HALF_SIZE));
        ball.setPhysicsRotation(Quaternion.IDENTITY);
        ball.setPhysicsLocation(new Vector3f(x, RADIUS, z));
        ball.setLinearVelocity(Vector3f.ZERO);
        ball.setAngularVelocity(Vector3f.ZERO);
    }

    @Override
    public void applyAction(float[] action, float tickSeconds) {
        force.set(MAX_FORCE * action[0], 0f, MAX_FORCE * action[1]);
        ball.applyCentralForce(force);
    }

    /** The ball's centre. */
    @Override
    public boolean trackedPoint(float[] obs, int offset, Vector3f store) {
        store.set(obs[offset], RADIUS, obs[offset + 1]);
        return true;
    }

    @Override
    public void observe(float[] obs) {
        Vector3f location = ball.getPhysicsLocation(scratchVector);
        obs[0] = location.x;
        obs[1] = location.z;
        Vector3f velocity = ball.getLinearVelocity(scratchVector);
        obs[2] = velocity.x;
        obs[3] = velocity.z;
        obs[4] = targetX;
        obs[5] = targetZ;
    }
}
