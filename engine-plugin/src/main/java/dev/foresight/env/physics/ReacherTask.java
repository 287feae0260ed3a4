package dev.foresight.env.physics;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.collision.shapes.BoxCollisionShape;
import com.jme3.bullet.joints.HingeJoint;
import com.jme3.bullet.joints.JointEnd;
import com.jme3.bullet.joints.PhysicsJoint;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import dev.foresight.env.BoxSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.TerminationFunction;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * A two-link planar arm reaching a random target, after Gymnasium's {@code Reacher}: links of
 * {@value #LINK1} m and {@value #LINK2} m (0.5 kg each, angular damping {@value #DAMPING}) turn about
 * vertical hinges in the horizontal plane, without gravity. The plane's coordinates are
 * {@code (px, py) = (world x, −world z)}, so joint angles are counter-clockwise seen from above.
 * 100 control steps at 20 Hz.
 *
 * <ul>
 *   <li>Observation {@code [cos q1, cos q2, sin q1, sin q2, target_x, target_y, q1_dot, q2_dot,
 *       tip_x − target_x, tip_y − target_y]}: q1 the shoulder angle from +px, q2 the elbow angle
 *       relative to the first link (rad), their rates (rad/s), positions in metres.</li>
 *   <li>Action {@code [shoulder, elbow]} in [-1, 1], scaled to ±{@value #MAX_TORQUE} N·m.</li>
 *   <li>Reward {@code −‖tip − target‖ − 0.01·‖a‖²}, from the state after the step.</li>
 *   <li>Start: q1, q2 ~ U(−0.1, 0.1), at rest; target uniform over the ring 0.2 m &le; r &le; 1 m.
 *       Never terminates; truncated after 100 steps.</li>
 * </ul>
 */
public final class ReacherTask implements PhysicsTask {
    /** Registered name. */
    public static final String NAME = "reacher";
    /** First link length (in metres). */
    public static final float LINK1 = 0.6f;
    /** Second link length (in metres). */
    public static final float LINK2 = 0.5f;
    /** Link mass (in kilograms). */
    public static final float LINK_MASS = 0.5f;
    /** Angular damping of each link (fraction of angular velocity lost per second). */
    public static final float DAMPING = 0.5f;
    /** Torque at |action| = 1 (in N·m). */
    public static final float MAX_TORQUE = 1f;
    /** Episode length (in control steps). */
    public static final int EPISODE_STEPS = 100;

    private final PhysicsRigidBody link1;
    private final PhysicsRigidBody link2;
    private final HingeJoint shoulder;
    private final HingeJoint elbow;
    private float targetX;
    private float targetY;
    private final Vector3f torque = new Vector3f();
    private final Vector3f scratchVector = new Vector3f();
    private final Quaternion scratchRotation = new Quaternion();

    public ReacherTask() {
        PhysicsNatives.load();
        link1 = link(LINK1);
        link2 = link(LINK2);
        shoulder = new HingeJoint(link1, new Vector3f(-LINK1 / 2f, 0f, 0f), Vector3f.ZERO,
                Vector3f.UNIT_Y, Vector3f.UNIT_Y, JointEnd.A);
        elbow = new HingeJoint(link1, link2, new Vector3f(LINK1 / 2f, 0f, 0f), new Vector3f(-LINK2 / 2f, 0f, 0f),
                Vector3f.UNIT_Y, Vector3f.UNIT_Y);
    }

    private static PhysicsRigidBody link(float length) {
        PhysicsRigidBody body = new PhysicsRigidBody(new BoxCollisionShape(length / 2f, 0.03f, 0.03f), LINK_MASS);
        Bodies.nonColliding(body);
        body.setProtectGravity(true);
        body.setGravity(Vector3f.ZERO);
        body.setDamping(0f, DAMPING);
        return body;
    }

    /** @return the first (shoulder) link's body */
    public PhysicsRigidBody link1() {
        return link1;
    }

    /** @return the second (elbow) link's body */
    public PhysicsRigidBody link2() {
        return link2;
    }

    /**
     * Moves the target; takes effect in the next observation.
     *
     * @param x the target's px (in metres)
     * @param y the target's py (in metres)
     */
    public void setTarget(float x, float y) {
        targetX = x;
        targetY = y;
    }

    @Override
    public EnvSpec spec(float controlPeriodSeconds) {
        float inf = Float.POSITIVE_INFINITY;
        float reach = LINK1 + LINK2;
        BoxSpace observations = new BoxSpace(
                new String[] {"cos_q1", "cos_q2", "sin_q1", "sin_q2", "target_x", "target_y", "q1_dot", "q2_dot",
                        "tip_minus_target_x", "tip_minus_target_y"},
                new float[] {-1f, -1f, -1f, -1f, -reach, -reach, -inf, -inf, -2 * reach, -2 * reach},
                new float[] {1f, 1f, 1f, 1f, reach, reach, inf, inf, 2 * reach, 2 * reach});
        return new EnvSpec(NAME, observations, BoxSpace.symmetric(1f, "shoulder", "elbow"), EPISODE_STEPS,
                controlPeriodSeconds, ReacherTask::reward, TerminationFunction.NEVER);
    }

    /**
     * Reward over a batch; see the class Javadoc.
     *
     * @param obs unused
     * @param action {@code [batch × 2]}
     * @param nextObs {@code [batch × 10]}
     * @param batch rows
     * @param rewards {@code [batch]} (modified)
     */
    static void reward(float[] obs, float[] action, float[] nextObs, int batch, float[] rewards) {
        for (int i = 0; i < batch; i++) {
            float dx = nextObs[10 * i + 8];
            float dy = nextObs[10 * i + 9];
            float a0 = action[2 * i];
            float a1 = action[2 * i + 1];
            rewards[i] = -(float) Math.sqrt(dx * dx + dy * dy) - 0.01f * (a0 * a0 + a1 * a1);
        }
    }

    @Override
    public List<PhysicsCollisionObject> collisionObjects() {
        return List.of(link1, link2);
    }

    @Override
    public List<PhysicsJoint> joints() {
        return List.of(shoulder, elbow);
    }

    @Override
    public void reset(RandomStream random) {
        float q1 = Bodies.uniform(random, -0.1f, 0.1f);
        float q2 = Bodies.uniform(random, -0.1f, 0.1f);
        double radius = Math.sqrt(0.04 + (1.0 - 0.04) * random.nextDouble());
        double angle = 2 * Math.PI * random.nextDouble();
        setTarget((float) (radius * Math.cos(angle)), (float) (radius * Math.sin(angle)));
        placeLink(link1, 0f, 0f, q1, LINK1);
        float elbowX = LINK1 * (float) Math.cos(q1);
        float elbowY = LINK1 * (float) Math.sin(q1);
        placeLink(link2, elbowX, elbowY, q1 + q2, LINK2);
    }

    /** Places a link at rest whose inner end is at plane point (x, y), pointing at angle a. */
    private static void placeLink(PhysicsRigidBody link, float x, float y, float a, float length) {
        float cx = x + 0.5f * length * (float) Math.cos(a);
        float cy = y + 0.5f * length * (float) Math.sin(a);
        link.setPhysicsRotation(new Quaternion().fromAngleNormalAxis(a, Vector3f.UNIT_Y));
        link.setPhysicsLocation(new Vector3f(cx, 0f, -cy));
        link.setLinearVelocity(Vector3f.ZERO);
        link.setAngularVelocity(Vector3f.ZERO);
    }

    @Override
    public void applyAction(float[] action, float tickSeconds) {
        float shoulderTorque = MAX_TORQUE * action[0];
        float elbowTorque = MAX_TORQUE * action[1];
        // The elbow torque acts on link 2 and, in reaction, on link 1.
        torque.set(0f, shoulderTorque - elbowTorque, 0f);
        link1.applyTorque(torque);
        torque.set(0f, elbowTorque, 0f);
        link2.applyTorque(torque);
    }

    /** The arm's tip, {@code target + (tip − target)}, at world {@code (px, 0, −py)}. */
    @Override
    public boolean trackedPoint(float[] obs, int offset, Vector3f store) {
        store.set(obs[offset + 4] + obs[offset + 8], 0f, -(obs[offset + 5] + obs[offset + 9]));
        return true;
    }

    @Override
    public void observe(float[] obs) {
        float a1 = linkAngle(link1);
        float a2 = linkAngle(link2);
        float q2 = (float) Math.IEEEremainder(a2 - a1, 2 * Math.PI);
        float w1 = link1.getAngularVelocity(scratchVector).y;
        float w2 = link2.getAngularVelocity(scratchVector).y;
        float tipX = LINK1 * (float) Math.cos(a1) + LINK2 * (float) Math.cos(a2);
        float tipY = LINK1 * (float) Math.sin(a1) + LINK2 * (float) Math.sin(a2);
        obs[0] = (float) Math.cos(a1);
        obs[1] = (float) Math.cos(q2);
        obs[2] = (float) Math.sin(a1);
        obs[3] = (float) Math.sin(q2);
        obs[4] = targetX;
        obs[5] = targetY;
        obs[6] = w1;
        obs[7] = w2 - w1;
        obs[8] = tipX - targetX;
        obs[9] = tipY - targetY;
    }

    /** @return the link's angle in the plane (counter-clockwise from +px, in radians) */
    private float linkAngle(PhysicsRigidBody link) {
        link.getPhysicsRotation(scratchRotation).mult(Vector3f.UNIT_X, scratchVector);
        return (float) Math.atan2(-scratchVector.z, scratchVector.x);
    }
}
