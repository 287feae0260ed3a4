package dev.foresight.env.physics;

import com.jme3.bullet.PhysicsSpace;
import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.joints.PhysicsJoint;
import com.jme3.bullet.objects.PhysicsRigidBody;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.Environment;
import dev.foresight.env.StepOutcome;
import dev.foresight.env.StepResult;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * Runs a {@link PhysicsTask} headless in a Minie {@link PhysicsSpace} of its own, stepped with a
 * fixed physics step of {@value #PHYSICS_STEP_SECONDS_TEXT} s; one control step is
 * {@code actionRepeat} physics ticks. The task applies the action before every tick (what
 * {@code prePhysicsTick} does in a game); the rest of the step (checking and clipping the action,
 * observation, reward, termination, truncation, blow-up handling) is the {@link ControlStep} the
 * game's {@code AgentControl} runs too. An action containing NaN is rejected with an
 * {@link IllegalArgumentException} (the action space's {@code checkAndClip}).
 *
 * <p>Reset removes every body and joint from the space, lets the task set the initial state, and
 * adds them back: this (unlike moving touching bodies in place) reproduces trajectories bit for bit.
 *
 * <p>A physics blow-up (a NaN, infinite or huge observation) ends the episode as truncated with a
 * logged warning: the step returns the last valid observation, reward 0 and
 * {@link StepResult#physicsFailure()} set.
 *
 * <p>Threading: must be created, used and closed on one thread (Minie's spaces are bound to the
 * thread that steps them); other threads get an {@link IllegalStateException}.
 */
public final class PhysicsEnvironment implements Environment {
    /** The fixed physics step (in seconds). */
    public static final float PHYSICS_STEP_SECONDS = 1f / 60f;
    private static final String PHYSICS_STEP_SECONDS_TEXT = "1/60";
    /** The default number of physics ticks per control step (20 Hz control). */
    public static final int DEFAULT_ACTION_REPEAT = 3;
    /**
     * Joint error-reduction parameter of Foresight's spaces. Bullet's default (0.2) corrects joint
     * drift so softly that a free pendulum loses about a quarter of its swing energy in 10 s; 0.8
     * keeps it within about 5%.
     */
    public static final float JOINT_ERP = 0.8f;
    /** Observations whose magnitude exceeds this are treated as a physics blow-up. */
    public static final float BLOW_UP_LIMIT = 1e5f;

    private final PhysicsTask task;
    private final EnvSpec spec;
    private final int actionRepeat;
    private final Thread owner;
    private final PhysicsSpace space;
    private final ControlStep controlStep;
    private final int obsDim;
    /** Scratch of {@link #step(float[])}. */
    private final StepOutcome outcome = new StepOutcome();

    private RandomStream random = new RandomStream(0L);
    private boolean inSpace;
    private boolean closed;

    /** Creates an environment with the default action repeat (20 Hz control). */
    public PhysicsEnvironment(PhysicsTask task) {
        this(task, DEFAULT_ACTION_REPEAT);
    }

    /**
     * @param task the task to run; this environment takes it over (not null)
     * @param actionRepeat physics ticks per control step (&ge;1)
     */
    public PhysicsEnvironment(PhysicsTask task, int actionRepeat) {
        if (actionRepeat < 1) {
            throw new IllegalArgumentException("actionRepeat must be >= 1, got " + actionRepeat);
        }
        PhysicsNatives.load();
        this.task = task;
        this.actionRepeat = actionRepeat;
        this.spec = task.spec(actionRepeat * PHYSICS_STEP_SECONDS);
        this.owner = Thread.currentThread();
        this.space = new PhysicsSpace(PhysicsSpace.BroadphaseType.DBVT);
        configureSpace(space);
        this.controlStep = new ControlStep(task, spec);
        this.obsDim = spec.obsDim();
    }

    /**
     * Applies the solver settings the built-in tasks are tuned for ({@link #JOINT_ERP}); a game that
     * runs tasks in its own space should call this on it too, so that they behave as in training.
     *
     * @param physicsSpace the space to configure (modified)
     */
    public static void configureSpace(PhysicsSpace physicsSpace) {
        physicsSpace.getSolverInfo().setJointErp(JOINT_ERP);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the task this environment runs */
    public PhysicsTask task() {
        return task;
    }

    /** @return physics ticks per control step */
    public int actionRepeat() {
        return actionRepeat;
    }

    /**
     * The space this environment steps, for drawing and benchmarks. Use it only on the owning thread.
     *
     * @return the space (not null)
     */
    public PhysicsSpace physicsSpace() {
        checkThread();
        return space;
    }

    @Override
    public float[] reset(long seed) {
        checkThread();
        random = new RandomStream(seed);
        return reset();
    }

    @Override
    public float[] reset() {
        checkThread();
        removeFromSpace();
        task.reset(random);
        addToSpace();
        controlStep.startEpisode();
        return controlStep.observation().clone();
    }

    @Override
    public StepResult step(float[] action) {
        float[] observation = new float[obsDim];
        step(action, observation, 0, outcome);
        return new StepResult(observation, outcome.reward(), outcome.terminated(), outcome.truncated(),
                outcome.physicsFailure());
    }

    /** Steps without allocating (see {@link Environment#step(float[], float[], int, StepOutcome)}). */
    @Override
    public void step(float[] action, float[] observationOut, int offset, StepOutcome outcome) {
        checkThread();
        if (action == null) {
            throw new IllegalArgumentException(spec.name() + " action is null");
        }
        if (observationOut == null || outcome == null || offset < 0 || offset > observationOut.length - obsDim) {
            throw new IllegalArgumentException(spec.name() + ": need an outcome and room for " + obsDim
                    + " observation values from offset " + offset + ", got "
                    + (observationOut == null ? "no array" : "an array of " + observationOut.length));
        }
        if (!controlStep.active()) {
            throw new IllegalStateException(spec.name() + ": the episode is over (or was never started);"
                    + " call reset() before step()");
        }
        controlStep.accept(action);
        for (int tick = 0; tick < actionRepeat; tick++) {
            // update(dt, 0) takes exactly one tick: calling the task here is equivalent to the
            // tick-listener callbacks, without two native-to-Java up-calls per tick.
            controlStep.applyAction(PHYSICS_STEP_SECONDS);
            space.update(PHYSICS_STEP_SECONDS, 0);
        }
        controlStep.finish(outcome);
        System.arraycopy(controlStep.observation(), 0, observationOut, offset, obsDim);
    }

    /** @return control steps taken in the current episode */
    public int episodeSteps() {
        return controlStep.episodeSteps();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkThread();
        removeFromSpace();
        space.destroy();
        closed = true;
    }

    private void addToSpace() {
        TaskPlacement.add(space, task);
        inSpace = true;
    }

    private void removeFromSpace() {
        if (inSpace) {
            TaskPlacement.remove(space, task);
            inSpace = false;
        }
    }

    private void checkThread() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(spec.name() + " environment was created on thread '" + owner.getName()
                    + "' but used on '" + Thread.currentThread().getName()
                    + "'; a physics scene must be created and stepped on one thread (see VectorEnvironment)");
        }
        if (closed) {
            throw new IllegalStateException(spec.name() + " environment is closed");
        }
    }
}
