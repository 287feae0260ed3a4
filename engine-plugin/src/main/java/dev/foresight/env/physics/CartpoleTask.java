package dev.foresight.env.physics;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.collision.shapes.BoxCollisionShape;
import com.jme3.bullet.joints.HingeJoint;
import com.jme3.bullet.joints.JointEnd;
import com.jme3.bullet.joints.PhysicsJoint;
import com.jme3.bullet.joints.SliderJoint;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import dev.foresight.env.BoxSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.TerminationFunction;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * Cart-pole swing-up as in PETS (Chua et al. 2018): a 1 kg cart on a frictionless rail along x
 * (limited to |x| &le; 3 m) carries a uniform 0.3 kg pole of length 0.6 m on a frictionless hinge;
 * the pole starts hanging down and must be swung up and balanced above the rail's centre. 200
 * control steps at 20 Hz, gravity 9.81 m/s².
 *
 * <ul>
 *   <li>Observation {@code [x, x_dot, cos θ, sin θ, θ̇]}: cart position (m) and velocity (m/s),
 *       pole angle θ from upright (counter-clockwise positive about +z) and its rate (rad/s).</li>
 *   <li>Action {@code [force]} in [-1, 1], scaled to ±{@value #MAX_FORCE} N along x.</li>
 *   <li>Reward (PETS) {@code exp(−d²/0.6²) − 0.01·a²}, d the distance of the pole tip after the
 *       step from its upright position above x = 0; at most 1 per step, about 200 per episode.</li>
 *   <li>Start: x, ẋ ~ U(−0.05, 0.05), θ ~ π + U(−0.05, 0.05), θ̇ ~ U(−0.05, 0.05).
 *       Never terminates; truncated after 200 steps.</li>
 * </ul>
 *
 * <p>{@link #balancing()} makes the balancing variant {@value #BALANCE_NAME}, after Gymnasium's
 * {@code CartPole-v1} on the same cart and pole (and the same continuous force): the pole starts
 * near upright (x, ẋ, θ, θ̇ each ~ U(−0.05, 0.05)), the reward is +1 per step (the terminal step
 * included), the episode <em>terminates</em> when |θ| &gt; {@value #BALANCE_ANGLE_LIMIT_DEGREES}°
 * or |x| &gt; {@value #BALANCE_X_LIMIT} m after a step ({@link #balanceTerminated}, batched, usable
 * on imagined states), and is truncated after {@value #BALANCE_EPISODE_STEPS} steps.
 */
public final class CartpoleTask implements PhysicsTask {
    /** Registered name. */
    public static final String NAME = "cartpole";
    /** Pole length (in metres). */
    public static final float POLE_LENGTH = 0.6f;
    /** Pole mass (in kilograms). */
    public static final float POLE_MASS = 0.3f;
    /** Cart mass (in kilograms). */
    public static final float CART_MASS = 1f;
    /** Force at |action| = 1 (in newtons). */
    public static final float MAX_FORCE = 15f;
    /** Half the rail's length (in metres). */
    public static final float RAIL_HALF_LENGTH = 3f;
    /** Episode length (in control steps). */
    public static final int EPISODE_STEPS = 200;
    /** Registered name of the balancing variant. */
    public static final String BALANCE_NAME = "cartpole-balance";
    /** Episode length of the balancing variant (in control steps), as in CartPole-v1. */
    public static final int BALANCE_EPISODE_STEPS = 500;
    /** The balancing variant terminates when the pole leans further than this from upright (in degrees). */
    public static final float BALANCE_ANGLE_LIMIT_DEGREES = 12f;
    /** The balancing variant terminates when the cart is further than this from the centre (in metres). */
    public static final float BALANCE_X_LIMIT = 2.4f;
    private static final float BALANCE_ANGLE_LIMIT = (float) Math.toRadians(BALANCE_ANGLE_LIMIT_DEGREES);

    private final PhysicsRigidBody cart;
    private final PhysicsRigidBody pole;
    private final SliderJoint rail;
    private final HingeJoint hinge;
    private final Vector3f force = new Vector3f();
    private final Vector3f scratchVector = new Vector3f();
    private final Vector3f scratchDirection = new Vector3f();
    private final Quaternion scratchRotation = new Quaternion();
    private final boolean balance;

    /** The swing-up task ({@value #NAME}). */
    public CartpoleTask() {
        this(false);
    }

    /** @return a new task of the balancing variant ({@value #BALANCE_NAME}); see the class Javadoc */
    public static CartpoleTask balancing() {
        return new CartpoleTask(true);
    }

    private CartpoleTask(boolean balance) {
        this.balance = balance;
        PhysicsNatives.load();
        Vector3f gravity = new Vector3f(0f, -9.81f, 0f);
        cart = new PhysicsRigidBody(new BoxCollisionShape(0.2f, 0.1f, 0.1f), CART_MASS);
        Bodies.nonColliding(cart);
        pole = Bodies.nonColliding(Bodies.thinRod(POLE_MASS, POLE_LENGTH, 0.02f));
        for (PhysicsRigidBody body : List.of(cart, pole)) {
            body.setProtectGravity(true);
            body.setGravity(gravity);
        }
        rail = new SliderJoint(cart, Vector3f.ZERO, Vector3f.ZERO, JointEnd.A);
        rail.setLowerLinLimit(-RAIL_HALF_LENGTH);
        rail.setUpperLinLimit(RAIL_HALF_LENGTH);
        rail.setLowerAngLimit(0f);
        rail.setUpperAngLimit(0f);
        hinge = new HingeJoint(cart, pole, Vector3f.ZERO, new Vector3f(0f, -POLE_LENGTH / 2f, 0f),
                Vector3f.UNIT_Z, Vector3f.UNIT_Z);
    }

    /** @return the cart's rigid body */
    public PhysicsRigidBody cart() {
        return cart;
    }

    /** @return the pole's rigid body */
    public PhysicsRigidBody pole() {
        return pole;
    }

    @Override
    public EnvSpec spec(float controlPeriodSeconds) {
        float inf = Float.POSITIVE_INFINITY;
        BoxSpace observations = new BoxSpace(new String[] {"x", "x_dot", "cos_theta", "sin_theta", "theta_dot"},
                new float[] {-RAIL_HALF_LENGTH, -inf, -1f, -1f, -inf},
                new float[] {RAIL_HALF_LENGTH, inf, 1f, 1f, inf});
        if (balance) {
            return new EnvSpec(BALANCE_NAME, observations, BoxSpace.symmetric(1f, "force"), BALANCE_EPISODE_STEPS,
                    controlPeriodSeconds, CartpoleTask::balanceReward, CartpoleTask::balanceTerminated);
        }
        return new EnvSpec(NAME, observations, BoxSpace.symmetric(1f, "force"), EPISODE_STEPS,
                controlPeriodSeconds, CartpoleTask::reward, TerminationFunction.NEVER);
    }

    /** @return whether this is the balancing variant ({@value #BALANCE_NAME}) */
    public boolean isBalancing() {
        return balance;
    }

    /**
     * The balancing variant's reward over a batch: +1 for every step.
     *
     * @param obs unused
     * @param action unused
     * @param nextObs unused
     * @param batch rows
     * @param rewards {@code [batch]} (modified)
     */
    static void balanceReward(float[] obs, float[] action, float[] nextObs, int batch, float[] rewards) {
        java.util.Arrays.fill(rewards, 0, batch, 1f);
    }

    /**
     * The balancing variant's termination over a batch: the pole leans further than
     * {@value #BALANCE_ANGLE_LIMIT_DEGREES}° from upright, or the cart is further than
     * {@value #BALANCE_X_LIMIT} m from the centre, after the step. The angle is
     * {@code atan2(sin θ, cos θ)}, so imagined observations whose (cos, sin) are not of unit length
     * are judged by their direction; a NaN observation terminates.
     *
     * @param obs unused
     * @param action unused
     * @param nextObs {@code [batch × 5]} observations after the step (unaffected)
     * @param batch rows
     * @param terminated {@code [batch]} (modified)
     */
    public static void balanceTerminated(float[] obs, float[] action, float[] nextObs, int batch, boolean[] terminated) {
        for (int i = 0; i < batch; i++) {
            int o = 5 * i;
            float theta = (float) Math.atan2(nextObs[o + 3], nextObs[o + 2]);
            terminated[i] = !(Math.abs(nextObs[o]) <= BALANCE_X_LIMIT && Math.abs(theta) <= BALANCE_ANGLE_LIMIT);
        }
    }

    /**
     * PETS's cart-pole reward over a batch; see the class Javadoc.
     *
     * @param obs unused
     * @param action {@code [batch × 1]}
     * @param nextObs {@code [batch × 5]} observations after the step
     * @param batch rows
     * @param rewards {@code [batch]} (modified)
     */
    static void reward(float[] obs, float[] action, float[] nextObs, int batch, float[] rewards) {
        float scale = 1f / (POLE_LENGTH * POLE_LENGTH);
        for (int i = 0; i < batch; i++) {
            int o = 5 * i;
            float tipX = nextObs[o] - POLE_LENGTH * nextObs[o + 3];
            float tipY = POLE_LENGTH * nextObs[o + 2];
            float dy = tipY - POLE_LENGTH;
            float a = action[i];
            rewards[i] = (float) Math.exp(-(tipX * tipX + dy * dy) * scale) - 0.01f * a * a;
        }
    }

    @Override
    public List<PhysicsCollisionObject> collisionObjects() {
        return List.of(cart, pole);
    }

    @Override
    public List<PhysicsJoint> joints() {
        return List.of(rail, hinge);
    }

    @Override
    public void reset(RandomStream random) {
        float x = Bodies.uniform(random, -0.05f, 0.05f);
        float xDot = Bodies.uniform(random, -0.05f, 0.05f);
        float theta = (balance ? 0f : (float) Math.PI) + Bodies.uniform(random, -0.05f, 0.05f);
        float thetaDot = Bodies.uniform(random, -0.05f, 0.05f);
        cart.setPhysicsRotation(Quaternion.IDENTITY);
        cart.setPhysicsLocation(new Vector3f(x, 0f, 0f));
        cart.setLinearVelocity(new Vector3f(xDot, 0f, 0f));
        cart.setAngularVelocity(Vector3f.ZERO);
        Bodies.placeRodAboutZ(pole, new Vector3f(x, 0f, 0f), POLE_LENGTH / 2f, theta, thetaDot,
                new Vector3f(xDot, 0f, 0f));
    }

    @Override
    public void applyAction(float[] action, float tickSeconds) {
        force.set(MAX_FORCE * action[0], 0f, 0f);
        cart.applyCentralForce(force);
    }

    /** The pole's tip: {@code (x − L·sin θ, L·cos θ, 0)}. */
    @Override
    public boolean trackedPoint(float[] obs, int offset, Vector3f store) {
        store.set(obs[offset] - POLE_LENGTH * obs[offset + 3], POLE_LENGTH * obs[offset + 2], 0f);
        return true;
    }

    @Override
    public void observe(float[] obs) {
        obs[0] = cart.getPhysicsLocation(scratchVector).x;
        obs[1] = cart.getLinearVelocity(scratchVector).x;
        Bodies.rodCosSin(pole, scratchRotation, scratchDirection, obs, 2);
        obs[4] = pole.getAngularVelocity(scratchVector).z;
    }
}
