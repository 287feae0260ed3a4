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
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.env.physics.PhysicsTask;
import dev.foresight.env.physics.TaskPlacement;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.logging.Logger;

/**
 * Attaches an {@link Agent} to a physics character in a game's {@link PhysicsSpace}, as the
 * headless {@link PhysicsEnvironment} does: one control step is {@code actionRepeat} physics ticks;
 * before each tick ({@code prePhysicsTick}) the task applies the step's action, which the agent
 * chose from its latest plan without waiting; after the step's last tick the task observes, the
 * reward is computed with the task's batched reward function, and the transition is recorded
 * (which wakes the planner). Episodes end on termination, after the spec's episode length, or on a
 * physics blow-up (logged, never thrown), and restart in the next {@link #update} (render thread):
 * the character's bodies and joints are taken out of the space, reset, and put back.
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
    private final SplittableRandom random;
    private final float[] obs;
    private final float[] nextObs;
    private final float[] rawAction;
    private final float[] action;
    private final float[] reward = new float[1];
    private final boolean[] terminated = new boolean[1];
    private final Vector3f pendingPush = new Vector3f();
    private PhysicsSpace space;
    private int tick;
    private int episodeSteps;
    private boolean episodeActive;
    private boolean resetRequested;
    private long physicsFailures;

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
        this.random = new SplittableRandom(seed);
        this.obs = new float[spec.obsDim()];
        this.nextObs = new float[spec.obsDim()];
        this.rawAction = new float[spec.actionDim()];
        this.action = new float[spec.actionDim()];
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
        episodeActive = false;
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
        if (episodeActive) {
            task.observe(obs);
            agent.stateChanged(obs);
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
        System.arraycopy(obs, 0, out, 0, obs.length);
        return out;
    }

    /** @return episodes cut short by a physics blow-up so far */
    public long physicsFailures() {
        return physicsFailures;
    }

    @Override
    public void prePhysicsTick(PhysicsSpace physicsSpace, float timeStep) {
        if (!episodeActive) {
            return;
        }
        if (tick == 0) {
            agent.act(obs, rawAction);
            clip(rawAction, action);
        }
        task.applyAction(action, timeStep);
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
        if (!episodeActive || ++tick < actionRepeat) {
            return;
        }
        tick = 0;
        task.endControlStep();
        task.observe(nextObs);
        episodeSteps++;
        if (!TaskPlacement.isValid(nextObs)) {
            physicsFailures++;
            logger.warning(() -> spec.name() + ": physics blew up at step " + episodeSteps + " (observation "
                    + Arrays.toString(nextObs) + "); episode ended, resetting");
            episodeActive = false;
            agent.endEpisode();
            resetRequested = true;
            return;
        }
        spec.rewardFunction().reward(obs, action, nextObs, 1, reward);
        spec.terminationFunction().terminated(obs, action, nextObs, 1, terminated);
        boolean truncated = !terminated[0] && episodeSteps >= spec.maxEpisodeSteps();
        agent.observe(obs, action, reward[0], nextObs, terminated[0], truncated);
        System.arraycopy(nextObs, 0, obs, 0, obs.length);
        if (terminated[0] || truncated) {
            episodeActive = false;
            agent.endEpisode();
            resetRequested = true;
        }
    }

    @Override
    protected void controlUpdate(float tpf) {
        if (resetRequested && space != null) {
            if (episodeActive) {
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
        task.observe(obs);
        tick = 0;
        episodeSteps = 0;
        resetRequested = false;
        episodeActive = true;
        agent.beginEpisode(obs);
    }

    private void removeFromSpace() {
        TaskPlacement.remove(space, task);
    }

    private PhysicsRigidBody firstDynamicBody() {
        for (PhysicsCollisionObject object : task.collisionObjects()) {
            if (object instanceof PhysicsRigidBody body && body.isDynamic()) {
                return body;
            }
        }
        return null;
    }

    /** Clips to the spec; a non-finite entry (a broken plan) becomes the middle of its range. */
    private void clip(float[] source, float[] target) {
        for (int i = 0; i < source.length; i++) {
            float low = spec.continuousActions("AgentControl").low(i);
            float high = spec.continuousActions("AgentControl").high(i);
            float value = source[i];
            target[i] = Float.isFinite(value) ? Math.max(low, Math.min(high, value)) : 0.5f * (low + high);
        }
    }
}
