package dev.foresight.env.physics;

import dev.foresight.env.EnvSpec;
import dev.foresight.env.StepOutcome;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * One control step of a {@link PhysicsTask}, everything except driving the physics ticks: the one
 * implementation shared by the headless {@link PhysicsEnvironment} (which ticks with
 * {@code space.update(dt, 0)}) and the game's {@code AgentControl} (which is a tick listener).
 *
 * <p>A driver uses it like this:
 * <ol>
 *   <li>{@link #startEpisode()} after the task was reset and put in its space: reads the first
 *       observation ({@link #observation()});</li>
 *   <li>{@link #accept(float[])} at the start of each control step: checks the action's length and
 *       clips it with the spec's action space ({@code checkLength}, {@code checkAndClip}; a NaN is
 *       rejected with an {@link IllegalArgumentException}); {@link #acceptNeutral()} instead applies
 *       the neutral action (the middle of the bounds);</li>
 *   <li>before each of the step's physics ticks, {@link #applyAction(float)};</li>
 *   <li>after the last tick, {@link #finish(StepOutcome)}: {@link PhysicsTask#endControlStep()},
 *       {@link PhysicsTask#observe(float[])}, the validity check ({@link TaskPlacement#isValid}),
 *       reward and termination with the spec's batched functions, truncation after
 *       {@link EnvSpec#maxEpisodeSteps()} steps. A physics blow-up (an invalid observation) is
 *       logged as a warning and ends the episode as truncated with reward 0 and
 *       {@link StepOutcome#physicsFailure()} set; {@link #observation()} then stays the last
 *       valid observation.</li>
 * </ol>
 * After a successful {@code finish}, {@link #previousObservation()} is the observation before the
 * step and {@link #observation()} the one after it. The two buffers swap roles at every step
 * instead of being copied: the arrays returned are owned by this object, must not be modified, and
 * are valid only until the next {@code finish} or {@code startEpisode}.
 *
 * <p>Shapes: observations {@code [spec.obsDim()]}, actions {@code [spec.actionDim()]}. Nothing is
 * allocated after construction (except for the warning of a blow-up).
 *
 * <p>Threading: not thread-safe; use it on the thread that steps the task's physics space.
 */
public final class ControlStep {
    private static final Logger logger = Logger.getLogger(ControlStep.class.getName());

    private final PhysicsTask task;
    private final EnvSpec spec;
    private final String actionName;
    private final float[] clippedAction;
    private final float[] neutralAction;
    private final float[] rewardOut = new float[1];
    private final boolean[] terminatedOut = new boolean[1];
    private float[] obs;
    private float[] nextObs;
    private boolean active;
    private int episodeSteps;

    /**
     * @param task the task whose steps this runs (not null)
     * @param spec the task's spec for the control period in use (not null)
     */
    public ControlStep(PhysicsTask task, EnvSpec spec) {
        this.task = java.util.Objects.requireNonNull(task, "task");
        this.spec = java.util.Objects.requireNonNull(spec, "spec");
        this.actionName = spec.name() + " action";
        this.clippedAction = new float[spec.actionDim()];
        this.neutralAction = new float[spec.actionDim()];
        spec.actionSpace().neutral(neutralAction, 0);
        this.obs = new float[spec.obsDim()];
        this.nextObs = new float[spec.obsDim()];
    }

    /** @return the spec this step follows */
    public EnvSpec spec() {
        return spec;
    }

    /**
     * Starts an episode: reads the first observation. Call it after the task was reset and added
     * to its space.
     *
     * @throws IllegalStateException if the task's reset produced an invalid observation (a bug of
     *     the task)
     */
    public void startEpisode() {
        task.observe(obs);
        if (!TaskPlacement.isValid(obs)) {
            active = false;
            throw new IllegalStateException(spec.name() + ": the task's reset produced an invalid observation "
                    + Arrays.toString(obs));
        }
        episodeSteps = 0;
        active = true;
    }

    /**
     * Checks and clips the action of the coming control step (with the spec's action space).
     *
     * @param action the action, {@code [actionDim]} (unaffected)
     * @throws IllegalArgumentException if it is null, has the wrong length or contains NaN; the
     *     previous action is then left partly overwritten, so accept another before stepping
     */
    public void accept(float[] action) {
        if (action == null) {
            throw new IllegalArgumentException(actionName + " is null");
        }
        spec.actionSpace().checkLength(actionName, action.length);
        spec.actionSpace().checkAndClip(actionName, action, 0, clippedAction, 0);
    }

    /** Makes the neutral action (the middle of each dimension's bounds; 0 if unbounded) the step's action. */
    public void acceptNeutral() {
        System.arraycopy(neutralAction, 0, clippedAction, 0, clippedAction.length);
    }

    /**
     * Lets the task apply the accepted action for the coming physics tick.
     *
     * @param tickSeconds the tick's length (in seconds, &gt;0)
     */
    public void applyAction(float tickSeconds) {
        task.applyAction(clippedAction, tickSeconds);
    }

    /**
     * Finishes the control step after its last physics tick (see the class Javadoc) and ends the
     * episode if the outcome is terminal, truncated or a physics failure.
     *
     * @param outcome storage for the reward and flags (modified)
     * @throws IllegalStateException if no episode is running
     */
    public void finish(StepOutcome outcome) {
        if (!active) {
            throw new IllegalStateException(spec.name() + ": the episode is over (or was never started)");
        }
        task.endControlStep();
        task.observe(nextObs);
        episodeSteps++;
        if (!TaskPlacement.isValid(nextObs)) {
            active = false;
            float[] invalid = nextObs;
            int step = episodeSteps;
            logger.warning(() -> spec.name() + ": physics blew up at step " + step + " (observation "
                    + Arrays.toString(invalid) + "); episode truncated");
            // As far as the data is concerned the step did not happen: before = after = last valid.
            System.arraycopy(obs, 0, nextObs, 0, obs.length);
            outcome.set(0f, false, true, true);
            return;
        }
        spec.rewardFunction().reward(obs, clippedAction, nextObs, 1, rewardOut);
        spec.terminationFunction().terminated(obs, clippedAction, nextObs, 1, terminatedOut);
        boolean terminated = terminatedOut[0];
        boolean truncated = !terminated && episodeSteps >= spec.maxEpisodeSteps();
        active = !(terminated || truncated);
        float[] before = obs;
        obs = nextObs;
        nextObs = before;
        outcome.set(rewardOut[0], terminated, truncated, false);
    }

    /** Ends the episode without a step (e.g. the character left its space). */
    public void endEpisode() {
        active = false;
    }

    /** @return whether an episode is running (started and not yet over) */
    public boolean active() {
        return active;
    }

    /** @return control steps finished in the current (or last) episode */
    public int episodeSteps() {
        return episodeSteps;
    }

    /**
     * @return the current observation: after {@link #startEpisode()} the first one, after
     *     {@link #finish} the one after the step (the last valid one after a physics failure);
     *     {@code [obsDim]}, owned by this object, read-only
     */
    public float[] observation() {
        return obs;
    }

    /**
     * @return the observation before the last finished step, {@code [obsDim]}, owned by this
     *     object, read-only; meaningless before the episode's first step
     */
    public float[] previousObservation() {
        return nextObs;
    }

    /**
     * Re-reads the current observation from the task without a step, after the scene was changed
     * from outside the physics (e.g. a target moved).
     *
     * @return the current observation (as {@link #observation()})
     */
    public float[] refreshObservation() {
        task.observe(obs);
        return obs;
    }

    /** @return the action accepted for the current step, {@code [actionDim]}, owned by this object, read-only */
    public float[] action() {
        return clippedAction;
    }
}
