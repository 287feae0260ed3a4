package dev.foresight.jme;

import com.jme3.bullet.PhysicsSpace;
import com.jme3.bullet.PhysicsTickListener;
import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.math.Vector3f;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.control.AbstractControl;
import dev.foresight.agent.Agent;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.StepOutcome;
import dev.foresight.env.physics.ControlStep;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.env.physics.PhysicsTask;
import dev.foresight.env.physics.TaskPlacement;
import dev.foresight.util.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Attaches an {@link Agent} to a physics character in a game's {@link PhysicsSpace}, exactly as
 * the headless {@link PhysicsEnvironment} runs it (both use one {@link ControlStep}): one control
 * step is {@code actionRepeat} physics ticks; before each tick ({@code prePhysicsTick}) the task
 * applies the step's action, which the agent chose from its latest plan without waiting; after the
 * step's last tick the task observes, the reward is computed with the task's batched reward
 * function, and the transition is recorded (which wakes the planner). Episodes end on termination,
 * after the spec's episode length, or on a physics blow-up (logged, never thrown), and restart in
 * the next {@link #update} (render thread): the character's bodies and joints are taken out of the
 * space, reset, and put back.
 *
 * <p><b>Bad actions.</b> The agent's action goes through the same check as in the headless
 * environment (the action space's {@code checkAndClip}: clipped into the bounds, NaN rejected).
 * Where the environment throws, this control must not throw from a physics tick: a rejected action
 * (e.g. NaN from a broken plan) is replaced by the space's neutral action, the middle of the
 * bounds ({@link ControlStep#acceptNeutral()}), and a warning is logged at the 1st, 2nd, 4th,
 * 8th, … rejection with the running count ({@link #rejectedActions()}).
 *
 * <p><b>Several ticks per frame.</b> Bullet applies gravity and clears forces once per
 * {@code stepSimulation}, not once per tick: when BulletAppState takes 2–3 ticks in one
 * {@code space.update}, forces applied before each tick would pile up. This control therefore
 * saves each dynamic body's total force and torque before the task applies the action (gravity,
 * as Bullet applied it) and restores them after the tick, so that every tick sees exactly the
 * forces of the headless environment's one-tick updates, bit for bit.
 *
 * <p>Add it to a spatial (any; the character's node is natural) and call {@link #attach}. It
 * applies {@link PhysicsEnvironment#configureSpace} to the space so that the character moves as
 * it did in training.
 *
 * <p>Threading: render thread, which must be the physics thread (BulletAppState SEQUENTIAL).
 */
public final class AgentControl extends AbstractControl implements PhysicsTickListener {
    private static final Logger logger = Logger.getLogger(AgentControl.class.getName());

    private final PhysicsTask task;
    private final Agent agent;
    private final EnvSpec spec;
    private final int actionRepeat;
    private final RandomStream random;
    private final ControlStep step;
    private final StepOutcome outcome = new StepOutcome();
    private final float[] rawAction;
    private final Vector3f pendingPush = new Vector3f();
    /** The task's dynamic bodies, and their forces and torques saved at the start of a tick. */
    private final PhysicsRigidBody[] dynamicBodies;
    private final Vector3f[] savedForces;
    private final Vector3f[] savedTorques;
    private boolean forcesSaved;
    private final Vector3f linearFactor = new Vector3f();
    private final Vector3f angularFactor = new Vector3f();
    private PhysicsSpace space;
    private int tick;
    private boolean resetRequested;
    private long physicsFailures;
    private long rejectedActions;

    /**
     * @param task the character (its bodies and joints must not be in any space yet; not null)
     * @param agent the agent acting for it, built for {@code task.spec(actionRepeat/60 s)} (not null)
     * @param actionRepeat physics ticks per control step, as in training (&ge;1)
     * @param seed seeds the episodes' initial states
     */
    public AgentControl(PhysicsTask task, Agent agent, int actionRepeat, long seed) {
        if (actionRepeat < 1) {
            throw new IllegalArgumentException("actionRepeat must be >= 1, got " + actionRepeat);
        }
        this.task = task;
        this.agent = agent;
        this.spec = agent.spec();
        this.actionRepeat = actionRepeat;
        this.random = new RandomStream(seed);
        this.step = new ControlStep(task, spec);
        this.rawAction = new float[spec.actionDim()];
        List<PhysicsRigidBody> bodies = new ArrayList<>();
        for (PhysicsCollisionObject object : task.collisionObjects()) {
            if (object instanceof PhysicsRigidBody body && body.isDynamic()) {
                bodies.add(body);
            }
        }
        this.dynamicBodies = bodies.toArray(new PhysicsRigidBody[0]);
        this.savedForces = new Vector3f[dynamicBodies.length];
        this.savedTorques = new Vector3f[dynamicBodies.length];
        for (int i = 0; i < dynamicBodies.length; i++) {
            savedForces[i] = new Vector3f();
            savedTorques[i] = new Vector3f();
        }
    }

    /**
     * Puts the character in {@code physicsSpace}, registers for its ticks and starts an episode.
     * The space's physics step must be {@value PhysicsEnvironment#PHYSICS_STEP_SECONDS} s (Minie's
     * default accuracy 1/60 s).
     *
     * @param physicsSpace the game's space (modified: configured, the character added)
     */
    public void attach(PhysicsSpace physicsSpace) {
        if (space != null) {
            throw new IllegalStateException("already attached to a space; detach() first");
        }
        float accuracy = physicsSpace.getAccuracy();
        if (Math.abs(accuracy - PhysicsEnvironment.PHYSICS_STEP_SECONDS) > 1e-6f) {
            throw new IllegalArgumentException("the space steps " + accuracy + " s per tick but the agent was trained with "
                    + PhysicsEnvironment.PHYSICS_STEP_SECONDS + " s; call space.setAccuracy(1f/60f)");
        }
        space = physicsSpace;
        PhysicsEnvironment.configureSpace(space);
        space.addTickListener(this);
        startEpisode();
    }

    /** Takes the character out of its space and stops listening to ticks. */
    public void detach() {
        if (space == null) {
            return;
        }
        space.removeTickListener(this);
        removeFromSpace();
        space = null;
        step.endEpisode();
    }

    /** @return the character */
    public PhysicsTask task() {
        return task;
    }

    /** @return the agent */
    public Agent agent() {
        return agent;
    }

    /**
     * Re-reads the observation after the character was changed from outside the physics (e.g. its
     * target moved), so that the agent plans from the change at once.
     */
    public void refreshObservation() {
        if (step.active()) {
            agent.stateChanged(step.refreshObservation());
        }
    }

    /** Ends the current episode at the next frame and starts a new one. */
    public void requestReset() {
        resetRequested = true;
    }

    /**
     * Gives the character's first dynamic body an impulse at its next physics tick (a player's push).
     *
     * @param impulse the impulse (in N·s, world coordinates; unaffected)
     */
    public void push(Vector3f impulse) {
        pendingPush.addLocal(impulse);
    }

    /**
     * @param out storage for the latest observation, {@code [obsDim]} (modified)
     * @return {@code out}
     */
    public float[] observation(float[] out) {
        float[] obs = step.observation();
        System.arraycopy(obs, 0, out, 0, obs.length);
        return out;
    }

    /** @return episodes cut short by a physics blow-up so far */
    public long physicsFailures() {
        return physicsFailures;
    }

    /** @return the agent's actions rejected by the action space (and replaced by the neutral one) so far */
    public long rejectedActions() {
        return rejectedActions;
    }

    @Override
    public void prePhysicsTick(PhysicsSpace physicsSpace, float timeStep) {
        if (!step.active()) {
            return;
        }
        saveForces();
        if (tick == 0) {
            chooseAction();
        }
        step.applyAction(timeStep);
        if (!pendingPush.equals(Vector3f.ZERO)) {
            PhysicsRigidBody body = firstDynamicBody();
            if (body != null) {
                body.activate();
                body.applyImpulse(pendingPush, Vector3f.ZERO);
            }
            pendingPush.zero();
        }
    }

    @Override
    public void physicsTick(PhysicsSpace physicsSpace, float timeStep) {
        if (!forcesSaved) {
            return;
        }
        restoreForces();
        if (++tick < actionRepeat) {
            return;
        }
        tick = 0;
        step.finish(outcome);
        if (outcome.physicsFailure()) {
            physicsFailures++;
            agent.endEpisode();
            resetRequested = true;
            return;
        }
        agent.observe(step.previousObservation(), step.action(), outcome.reward(), step.observation(),
                outcome.terminated(), outcome.truncated());
        if (outcome.done()) {
            agent.endEpisode();
            resetRequested = true;
        }
    }

    /** The agent's action for the coming control step, checked and clipped; never throws on a bad one. */
    private void chooseAction() {
        agent.act(step.observation(), rawAction);
        try {
            step.accept(rawAction);
        } catch (IllegalArgumentException rejected) {
            step.acceptNeutral();
            long count = ++rejectedActions;
            if (Long.bitCount(count) == 1) {
                logger.warning(() -> spec.name() + ": the agent's action was rejected (" + rejected.getMessage()
                        + "); applying the neutral action instead (" + count + " rejected so far)");
            }
        }
    }

    /**
     * Saves each dynamic body's total force and torque as Bullet left them before this tick (gravity,
     * applied once per {@code stepSimulation}), before the task adds the action.
     */
    private void saveForces() {
        for (int i = 0; i < dynamicBodies.length; i++) {
            dynamicBodies[i].totalAppliedForce(savedForces[i]);
            dynamicBodies[i].totalAppliedTorque(savedTorques[i]);
        }
        forcesSaved = true;
    }

    /**
     * Puts back the forces saved by {@link #saveForces()}, so that the next tick of the same
     * {@code stepSimulation} starts from gravity alone, as a one-tick update does.
     */
    private void restoreForces() {
        for (int i = 0; i < dynamicBodies.length; i++) {
            PhysicsRigidBody body = dynamicBodies[i];
            body.clearForces();
            // Bullet multiplies every applied force by the body's linear factor and torque by its
            // angular factor, and the saved totals are already multiplied: unless each factor is 0
            // or 1, put them back with unit factors so that they are not scaled twice.
            body.getLinearFactor(linearFactor);
            body.getAngularFactor(angularFactor);
            boolean scaled = !zeroOrOne(linearFactor) || !zeroOrOne(angularFactor);
            if (scaled) {
                body.setLinearFactor(Vector3f.UNIT_XYZ);
                body.setAngularFactor(Vector3f.UNIT_XYZ);
            }
            body.applyCentralForce(savedForces[i]);
            body.applyTorque(savedTorques[i]);
            if (scaled) {
                body.setLinearFactor(linearFactor);
                body.setAngularFactor(angularFactor);
            }
        }
        forcesSaved = false;
    }

    private static boolean zeroOrOne(Vector3f v) {
        return (v.x == 0f || v.x == 1f) && (v.y == 0f || v.y == 1f) && (v.z == 0f || v.z == 1f);
    }

    @Override
    protected void controlUpdate(float tpf) {
        if (resetRequested && space != null) {
            if (step.active()) {
                agent.endEpisode();
            }
            startEpisode();
        }
    }

    @Override
    protected void controlRender(RenderManager renderManager, ViewPort viewPort) {
    }

    private void startEpisode() {
        removeFromSpace();
        task.reset(random);
        TaskPlacement.add(space, task);
        step.startEpisode();
        tick = 0;
        forcesSaved = false;
        resetRequested = false;
        agent.beginEpisode(step.observation());
    }

    private void removeFromSpace() {
        TaskPlacement.remove(space, task);
    }

    private PhysicsRigidBody firstDynamicBody() {
        return dynamicBodies.length == 0 ? null : dynamicBodies[0];
    }
}
