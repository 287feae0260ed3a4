package dev.foresight.env.physics;

import com.jme3.bullet.collision.PhysicsCollisionObject;
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
 * Pendulum swing-up, matching Gymnasium's {@code Pendulum-v1} as closely as Bullet allows: a uniform
 * rod of length 1 m and mass 1 kg on a frictionless hinge at one end, gravity 10 m/s², torque
 * |u| &le; 2 N·m, angular speed limited to 8 rad/s (clamped at the end of every control step, as
 * Gymnasium clips it after each of its steps), 200 control steps at 20 Hz.
 *
 * <ul>
 *   <li>Observation {@code [cos θ, sin θ, θ̇]}: θ is the rod's angle from upright (radians,
 *       counter-clockwise positive about +z), θ̇ its angular velocity (rad/s).</li>
 *   <li>Action {@code [torque]} in [-2, 2] N·m about +z.</li>
 *   <li>Reward {@code −(θ² + 0.1·θ̇² + 0.001·u²)} with θ normalised to [−π, π], computed from the
 *       state before the step as in Gymnasium; 0 is the best possible, about −16.3 the worst.</li>
 *   <li>Start: θ ~ U(−π, π), θ̇ ~ U(−1, 1). Never terminates; truncated after 200 steps.</li>
 * </ul>
 */
public final class PendulumTask implements PhysicsTask {
    /** Registered name. */
    public static final String NAME = "pendulum";
    /** Rod length (in metres). */
    public static final float LENGTH = 1f;
    /** Rod mass (in kilograms). */
    public static final float MASS = 1f;
    /** Gravity (in m/s²), as in Gymnasium. */
    public static final float GRAVITY = 10f;
    /** Largest torque (in N·m). */
    public static final float MAX_TORQUE = 2f;
    /** Angular speed limit (in rad/s). */
    public static final float MAX_SPEED = 8f;
    /** Episode length (in control steps). */
    public static final int EPISODE_STEPS = 200;

    private final Vector3f pivot;
    private final PhysicsRigidBody rod;
    private final HingeJoint hinge;
    private final Float fixedTheta;
    private final Float fixedThetaDot;
    private final Vector3f torque = new Vector3f();
    private final Vector3f scratchVector = new Vector3f();
    private final Vector3f scratchDirection = new Vector3f();
    private final Quaternion scratchRotation = new Quaternion();
    private final float[] scratchCosSin = new float[2];
    /**
     * θ̇ as {@link #endControlStep()} left it, for the {@link #observe} that follows (one JNI read
     * instead of two per step); invalid after anything else touches the rod.
     */
    private float endOmega;
    private boolean endOmegaValid;

    /** A pendulum pivoting at the world origin with Gymnasium's random start. */
    public PendulumTask() {
        this(Vector3f.ZERO, null, null);
    }

    private PendulumTask(Vector3f pivot, Float fixedTheta, Float fixedThetaDot) {
        PhysicsNatives.load();
        this.pivot = pivot.clone();
        this.fixedTheta = fixedTheta;
        this.fixedThetaDot = fixedThetaDot;
        rod = Bodies.nonColliding(Bodies.thinRod(MASS, LENGTH, 0.025f));
        rod.setProtectGravity(true);
        rod.setGravity(new Vector3f(0f, -GRAVITY, 0f));
        hinge = new HingeJoint(rod, new Vector3f(0f, -LENGTH / 2f, 0f), this.pivot,
                Vector3f.UNIT_Z, Vector3f.UNIT_Z, JointEnd.A);
    }

    /**
     * A pendulum whose every episode starts from the same state, for tests and demonstrations.
     *
     * @param pivot the hinge's position (in world coordinates, unaffected)
     * @param theta the start angle from upright (in radians)
     * @param thetaDot the start angular velocity (in rad/s)
     * @return a new task
     */
    public static PendulumTask startingAt(Vector3f pivot, float theta, float thetaDot) {
        return new PendulumTask(pivot, theta, thetaDot);
    }

    /** @return the rod's rigid body, e.g. for attaching a visual */
    public PhysicsRigidBody rod() {
        return rod;
    }

    @Override
    public EnvSpec spec(float controlPeriodSeconds) {
        BoxSpace observations = new BoxSpace(new String[] {"cos_theta", "sin_theta", "theta_dot"},
                new float[] {-1f, -1f, -MAX_SPEED}, new float[] {1f, 1f, MAX_SPEED});
        return new EnvSpec(NAME, observations, BoxSpace.symmetric(MAX_TORQUE, "torque"), EPISODE_STEPS,
                controlPeriodSeconds, PendulumTask::reward, TerminationFunction.NEVER);
    }

    /**
     * Gymnasium's pendulum reward over a batch; see the class Javadoc.
     *
     * @param obs {@code [batch × 3]} observations before the step
     * @param action {@code [batch × 1]} torques
     * @param nextObs unused
     * @param batch rows
     * @param rewards {@code [batch]} (modified)
     */
    static void reward(float[] obs, float[] action, float[] nextObs, int batch, float[] rewards) {
        for (int i = 0; i < batch; i++) {
            float theta = (float) Math.atan2(obs[3 * i + 1], obs[3 * i]);
            float thetaDot = obs[3 * i + 2];
            float u = action[i];
            rewards[i] = -(theta * theta + 0.1f * thetaDot * thetaDot + 0.001f * u * u);
        }
    }

    @Override
    public List<PhysicsCollisionObject> collisionObjects() {
        return List.of(rod);
    }

    @Override
    public List<PhysicsJoint> joints() {
        return List.of(hinge);
    }

    @Override
    public void reset(RandomStream random) {
        float theta = fixedTheta != null ? fixedTheta : Bodies.uniform(random, (float) -Math.PI, (float) Math.PI);
        float thetaDot = fixedThetaDot != null ? fixedThetaDot : Bodies.uniform(random, -1f, 1f);
        Bodies.placeRodAboutZ(rod, pivot, LENGTH / 2f, theta, thetaDot, Vector3f.ZERO);
        endOmegaValid = false;
    }

    @Override
    public void applyAction(float[] action, float tickSeconds) {
        endOmegaValid = false;
        torque.set(0f, 0f, action[0]);
        rod.applyTorque(torque);
    }

    /** Clamps the angular speed to {@link #MAX_SPEED} once per control step, as Gymnasium does. */
    @Override
    public void endControlStep() {
        float omega = rod.getAngularVelocity(scratchVector).z;
        if (Math.abs(omega) > MAX_SPEED) {
            Bodies.rodCosSin(rod, scratchRotation, scratchDirection, scratchCosSin, 0);
            float theta = (float) Math.atan2(scratchCosSin[1], scratchCosSin[0]);
            omega = Math.copySign(MAX_SPEED, omega);
            Bodies.placeRodAboutZ(rod, pivot, LENGTH / 2f, theta, omega, Vector3f.ZERO);
        }
        endOmega = omega;
        endOmegaValid = true;
    }

    /** The rod's tip: {@code pivot + L·(−sin θ, cos θ, 0)}. */
    @Override
    public boolean trackedPoint(float[] obs, int offset, Vector3f store) {
        store.set(pivot.x - LENGTH * obs[offset + 1], pivot.y + LENGTH * obs[offset], pivot.z);
        return true;
    }

    @Override
    public void observe(float[] obs) {
        // θ from the hinge: one native call returning a float, where reading the rod's rotation
        // costs a native-to-Java call per step. Bullet measures this hinge's angle clockwise about
        // +z from the rod's upright construction pose (PendulumPhysicsTest checks it against the rod).
        float theta = -hinge.getHingeAngle();
        obs[0] = (float) Math.cos(theta);
        obs[1] = (float) Math.sin(theta);
        obs[2] = endOmegaValid ? endOmega : rod.getAngularVelocity(scratchVector).z;
        endOmegaValid = false;
    }
}
