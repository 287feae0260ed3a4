package dev.foresight.agent;

import dev.foresight.data.ReplayBuffer;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The real-time shell a game runs an agent in: acting never waits for deciding or learning. Any
 * agent made of a {@link DecisionMaker} and a {@link Learner} runs in it — PETS is
 * {@link MpcDecisions} + {@link ModelUpdater} ({@link LivePets#create}). Three threads, as in
 * MuJoCo MPC (see DESIGN.md):
 * <ul>
 *   <li>the <b>acting thread</b> (a game's physics thread) calls the {@link Agent} methods; each
 *       returns at once;</li>
 *   <li>a <b>decision thread</b> re-plans from the newest recorded state, warm-started from its
 *       previous plan shifted by the steps executed since, within a time budget (anytime), and
 *       publishes the plan with the step it starts at ({@link PublishedPlan}): {@link #act} takes
 *       the plan's entry for the current step, so a plan that arrives late is still used
 *       correctly;</li>
 *   <li>a <b>learner thread</b> (in {@link Mode#LEARN}) learns from everything recorded after each
 *       episode and hands the result to the decision thread, which swaps it in between two
 *       decisions (hot swap).</li>
 * </ul>
 * Before its decision-maker is ready, a learning agent explores with seeded uniform random actions.
 *
 * <p>Threading: the {@link Agent} methods must be called from one thread; {@link #status()},
 * {@link #imagination()}, {@link #setMode}, {@link #setUpdate}, {@link #setHeuristic},
 * {@link #setMessage} and {@link #close()} from any. {@code lock} guards the shared state below it.
 */
public final class LiveAgent implements Agent {
    private static final Logger logger = Logger.getLogger(LiveAgent.class.getName());
    private static final int PLAN_TIMES_KEPT = 256;

    /** Where actions come from. */
    public enum Mode {
        /** Explore, record, learn after every episode, decide with the newest result. */
        LEARN,
        /** Decide with what the agent has (e.g. a shipped model); record but never learn. */
        PLAN,
        /** Actions from the heuristic (e.g. the keyboard); transitions are still recorded. */
        HEURISTIC,
        /**
         * Actions from a learned policy (e.g. a shipped {@code policy.onnx}), computed on the acting
         * thread in microseconds: no planning; transitions are still recorded.
         */
        POLICY
    }

    /**
     * Settings of the shell.
     *
     * @param planBudgetFraction the time budget per decision, as a fraction of the control period
     *                           (anytime: at least one optimiser iteration always runs; &gt;0)
     * @param imaginedCandidates other candidates imagined for drawing after each decision (0: none)
     * @param compensateLatency decide from the model's prediction of the next step's state, under the
     *                          action already chosen for the current step, and publish the plan for
     *                          the next step (a decision takes longer than the gap between the state
     *                          and the next physics tick, so it would otherwise always act one step
     *                          late); false: decide from the newest state for the current step
     * @param randomEpisodes episodes to finish before the first learning round (&ge;1)
     * @param bufferCapacity the most transitions recorded (&ge;1)
     * @param seed the seed of exploration
     */
    public record Settings(double planBudgetFraction, int imaginedCandidates, boolean compensateLatency,
                           int randomEpisodes, int bufferCapacity, long seed) {
        public Settings {
            if (!(planBudgetFraction > 0)) {
                throw new IllegalArgumentException("planBudgetFraction must be > 0, got " + planBudgetFraction);
            }
            if (imaginedCandidates < 0 || randomEpisodes < 1 || bufferCapacity < 1) {
                throw new IllegalArgumentException("need imaginedCandidates >= 0, randomEpisodes >= 1, bufferCapacity >= 1");
            }
        }
    }

    /**
     * What the agent is doing, for a HUD.
     *
     * @param mode the mode
     * @param episode the current episode (1-based; 0 before the first)
     * @param step control steps taken in the current episode
     * @param episodeReturn the return so far in the current episode
     * @param lastReturn the previous episode's return (NaN before the first ends)
     * @param hasModel whether the decision-maker has what it needs (a model) to decide
     * @param training whether a learning round is running
     * @param retrainings learning rounds finished
     * @param validationMse the last round's held-out error (NaN before)
     * @param planMillisP50 median decision time over the recent decisions (NaN before the first)
     * @param transitions transitions recorded
     * @param episodesFinished episodes ended so far
     * @param message the latest problem worth showing (empty if none)
     */
    public record Status(Mode mode, int episode, int step, float episodeReturn, float lastReturn, boolean hasModel,
                         boolean training, int retrainings, double validationMse, double planMillisP50,
                         int transitions, int episodesFinished, String message) {
    }

    private final EnvSpec spec;
    private final Settings settings;
    private final Parts<?> parts;
    private final ReplayBuffer buffer;
    private final RandomPolicy explore;
    private final PublishedPlan published;
    private final long budgetNanos;
    private final int actionDim;
    private final float[] neutral;
    private final Object lock = new Object();

    // Guarded by lock.
    private Mode mode;
    private Policy heuristic;
    private Policy learnedPolicy;
    private final float[] state;
    private int stateEpisode;
    private int stateStep;
    private long stateVersion;
    private boolean hasModel;
    private final double[] planMillis = new double[PLAN_TIMES_KEPT];
    private int planCount;
    private boolean training;
    private int retrainings;
    private double validationMse = Double.NaN;
    private String message = "";
    private final List<Float> returns = new ArrayList<>();
    private float episodeReturn;
    private int episodesFinished;

    private volatile Imagination imagination;
    private volatile boolean closed;
    private Thread plannerThread;
    private Thread trainerThread;
    private final Object trainerSignal = new Object();
    private boolean trainRequested;

    /**
     * @param spec the environment's spec (not null)
     * @param settings the shell's settings (not null)
     * @param mode the starting mode ({@link Mode#PLAN} needs {@code initial})
     * @param decisions decides on the decision thread; this agent owns and closes it (not null)
     * @param learner learns on the learner thread; this agent owns and closes it (not null)
     * @param initial an update to decide with from the start (e.g. a shipped model; this agent takes
     *                it over), or null to explore until the first learning round
     * @param <U> what the learner hands the decision-maker
     */
    public <U> LiveAgent(EnvSpec spec, Settings settings, Mode mode, DecisionMaker<U> decisions, Learner<U> learner,
                         U initial) {
        if (mode == Mode.PLAN && initial == null) {
            throw new IllegalArgumentException("Mode.PLAN needs a model to plan with; pass one or start in LEARN");
        }
        this.spec = spec;
        this.settings = settings;
        this.mode = mode;
        this.parts = new Parts<>(decisions, learner, initial);
        this.buffer = new ReplayBuffer(settings.bufferCapacity(), spec.obsDim(), spec.actionDim());
        this.explore = new RandomPolicy(spec.actionSpace(), new RandomStream(settings.seed()));
        this.budgetNanos = (long) (settings.planBudgetFraction() * spec.controlPeriodSeconds() * 1e9);
        this.actionDim = spec.actionDim();
        this.neutral = new float[actionDim];
        spec.actionSpace().neutral(neutral, 0);
        this.published = new PublishedPlan(decisions.horizon(), actionDim);
        this.state = new float[spec.obsDim()];
        this.hasModel = initial != null;
    }

    /**
     * Starts the decision and learner threads.
     *
     * @param threads makes them (e.g. the app state's daemon factory; not null)
     */
    public synchronized void start(ThreadFactory threads) {
        if (plannerThread != null) {
            throw new IllegalStateException("already started");
        }
        if (closed) {
            throw new IllegalStateException("closed");
        }
        plannerThread = threads.newThread(this::planLoop);
        trainerThread = threads.newThread(this::trainLoop);
        plannerThread.start();
        trainerThread.start();
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /** @return the recorded transitions (thread-safe) */
    public ReplayBuffer buffer() {
        return buffer;
    }

    /** Learning runs on this agent's own learner thread. */
    @Override
    public boolean learnsInBackground() {
        return true;
    }

    /**
     * Switches the mode; takes effect at the next action. {@link Mode#PLAN} needs a model.
     *
     * @param newMode the mode
     * @throws IllegalStateException if switching to PLAN without a model
     */
    public void setMode(Mode newMode) {
        synchronized (lock) {
            if (newMode == Mode.PLAN && !hasModel) {
                throw new IllegalStateException("no model to plan with yet: learn first or load one");
            }
            if (newMode == Mode.POLICY && learnedPolicy == null) {
                throw new IllegalStateException("no policy to act with: load one first (setPolicy)");
            }
            mode = newMode;
            lock.notifyAll();
        }
    }

    /**
     * @param policy the actions of {@link Mode#POLICY}, called on the acting thread, e.g. an
     *               {@code OnnxPolicy} (null: none; the mode falls back to {@link Mode#LEARN} if it was POLICY)
     */
    public void setPolicy(Policy policy) {
        synchronized (lock) {
            learnedPolicy = policy;
            if (policy == null && mode == Mode.POLICY) {
                mode = Mode.LEARN;
                lock.notifyAll();
            }
        }
    }

    /** @return whether a policy is set for {@link Mode#POLICY} */
    public boolean hasPolicy() {
        synchronized (lock) {
            return learnedPolicy != null;
        }
    }

    /** @param policy the actions of {@link Mode#HEURISTIC}, called on the acting thread (null: the neutral action) */
    public void setHeuristic(Policy policy) {
        synchronized (lock) {
            heuristic = policy;
        }
    }

    /**
     * Hands the decision thread an update (e.g. a model to plan with) from its next decision on;
     * this agent takes it over.
     *
     * @param update the update, of the type the decision-maker takes (not null)
     * @param <U> that type
     */
    public <U> void setUpdate(U update) {
        parts.offer(update);
    }

    /** Shows a problem on the HUD (e.g. a model that failed to load). */
    public void setMessage(String text) {
        synchronized (lock) {
            message = text == null ? "" : text;
        }
    }

    @Override
    public void beginEpisode(float[] obs) {
        synchronized (lock) {
            stateEpisode++;
            stateStep = 0;
            episodeReturn = 0f;
            publishState(obs);
        }
    }

    /**
     * The action for the current step: the latest plan's entry for this step, exploration before
     * the first model, or the heuristic. Never waits. Acting thread.
     */
    @Override
    public void act(float[] obs, float[] out) {
        Policy manual;
        int episode;
        int step;
        boolean modelReady;
        synchronized (lock) {
            episode = stateEpisode;
            step = stateStep;
            modelReady = hasModel;
            manual = mode == Mode.HEURISTIC ? heuristic : mode == Mode.POLICY ? learnedPolicy : null;
            if ((mode == Mode.HEURISTIC || mode == Mode.POLICY) && manual == null) {
                System.arraycopy(neutral, 0, out, 0, actionDim);
                return;
            }
        }
        if (manual != null) {
            manual.act(obs, out); // a NaN here is the control's to catch (AgentControl#rejectedActions)
        } else if (!published.actionFor(episode, step, out)) {
            if (!modelReady) {
                explore.act(obs, out);
            } else {
                System.arraycopy(neutral, 0, out, 0, actionDim);
            }
        }
    }

    /** Records a control step and makes its result the decision thread's newest state. Acting thread. */
    @Override
    public void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated) {
        buffer.add(obs, action, reward, nextObs, terminated, truncated);
        synchronized (lock) {
            episodeReturn += reward;
            stateStep++;
            publishState(nextObs);
        }
    }

    /**
     * Replaces the current state without recording a step, after the character was changed from
     * outside (e.g. a player moved its target): the decision thread re-plans from it at once.
     */
    @Override
    public void stateChanged(float[] obs) {
        synchronized (lock) {
            publishState(obs);
        }
    }

    /** Ends the current episode; a learning agent then learns in the background. Acting thread. */
    @Override
    public void endEpisode() {
        boolean learn;
        synchronized (lock) {
            returns.add(episodeReturn);
            episodesFinished++;
            learn = mode == Mode.LEARN && episodesFinished >= settings.randomEpisodes() && buffer.size() > 0;
        }
        if (learn) {
            synchronized (trainerSignal) {
                trainRequested = true;
                trainerSignal.notifyAll();
            }
        }
    }

    /** @return every finished episode's return, in order (a copy) */
    public List<Float> episodeReturns() {
        synchronized (lock) {
            return List.copyOf(returns);
        }
    }

    /** @return the HUD's numbers */
    public Status status() {
        synchronized (lock) {
            double p50 = Double.NaN;
            int n = Math.min(planCount, PLAN_TIMES_KEPT);
            if (n > 0) {
                double[] recent = Arrays.copyOf(planMillis, n);
                Arrays.sort(recent);
                p50 = recent[n / 2];
            }
            float last = returns.isEmpty() ? Float.NaN : returns.get(returns.size() - 1);
            return new Status(mode, stateEpisode, stateStep, episodeReturn, last, hasModel, training, retrainings,
                    validationMse, p50, buffer.size(), episodesFinished, message);
        }
    }

    /** @return the latest imagined futures, or null before the first decision */
    public Imagination imagination() {
        return imagination;
    }

    private void publishState(float[] obs) {
        System.arraycopy(obs, 0, state, 0, state.length);
        stateVersion++;
        lock.notifyAll();
    }

    /** The decision thread: waits for a new state (or update), decides, publishes. */
    private void planLoop() {
        float[] obs = new float[spec.obsDim()];
        float[] newPlan = new float[parts.decisions.horizon() * actionDim];
        float[] applied = new float[actionDim];
        float[] predicted = new float[spec.obsDim()];
        long seenVersion = -1;
        int decidedEpisode = -1;
        int decidedStep = 0;
        try {
            while (!closed) {
                int episode;
                int step;
                boolean actionKnown;
                synchronized (lock) {
                    while (!closed && !parts.hasPending() && (stateVersion == seenVersion || mode == Mode.HEURISTIC
                            || mode == Mode.POLICY || stateEpisode == 0)) {
                        lock.wait();
                    }
                    if (closed) {
                        break;
                    }
                    System.arraycopy(state, 0, obs, 0, obs.length);
                    seenVersion = stateVersion;
                    episode = stateEpisode;
                    step = stateStep;
                    actionKnown = settings.compensateLatency() && mode != Mode.HEURISTIC && mode != Mode.POLICY
                            && published.actionFor(episode, step, applied);
                }
                parts.swapIn();
                if (!parts.decisions.ready() || episode == 0) {
                    continue;
                }
                // The current step will run the action already planned for it: plan the next.
                if (actionKnown && parts.decisions.predictNext(obs, applied, predicted)) {
                    System.arraycopy(predicted, 0, obs, 0, obs.length);
                    step++;
                }
                if (episode != decidedEpisode) {
                    parts.decisions.reset();
                } else {
                    parts.decisions.advance(step - decidedStep);
                }
                long start = System.nanoTime();
                parts.decisions.decide(obs, budgetNanos, newPlan);
                double millis = (System.nanoTime() - start) / 1e6;
                decidedEpisode = episode;
                decidedStep = step;
                published.publish(newPlan, episode, step);
                synchronized (lock) {
                    planMillis[planCount % PLAN_TIMES_KEPT] = millis;
                    planCount++;
                }
                if (settings.imaginedCandidates() > 0) {
                    Imagination imagined = parts.decisions.imagine(obs, settings.imaginedCandidates(), episode, step);
                    if (imagined != null) {
                        imagination = imagined;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            logger.log(Level.SEVERE, spec.name() + " decision thread stopped", e);
            setMessage("planner stopped: " + e.getMessage());
        } finally {
            parts.decisions.close();
        }
    }

    /** The learner thread: one learning round per request, its result handed to the decision thread. */
    private void trainLoop() {
        try {
            while (!closed) {
                synchronized (trainerSignal) {
                    while (!closed && !trainRequested) {
                        trainerSignal.wait();
                    }
                    trainRequested = false;
                }
                if (closed) {
                    break;
                }
                synchronized (lock) {
                    training = true;
                }
                try {
                    TrainingListener cancellable = (epoch, max, loss, mse) -> {
                        if (closed) {
                            throw new CancellationException("agent closed");
                        }
                    };
                    Learner.Learned<?> round = parts.learn(buffer, cancellable);
                    synchronized (lock) {
                        retrainings = round.round();
                        validationMse = round.validationError();
                        message = "";
                    }
                } catch (CancellationException e) {
                    break;
                } catch (IOException | RuntimeException e) {
                    logger.log(Level.WARNING, spec.name() + ": learning failed; still deciding with the previous result", e);
                    setMessage("retraining failed: " + e.getMessage());
                } finally {
                    synchronized (lock) {
                        training = false;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops both threads (a running learning round stops after its current epoch), waits for them,
     * and closes the decision-maker, the learner and any update not yet taken. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        synchronized (trainerSignal) {
            trainerSignal.notifyAll();
        }
        for (Thread thread : new Thread[] {plannerThread, trainerThread}) {
            if (thread != null) {
                try {
                    thread.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (thread.isAlive()) {
                    logger.warning(thread.getName() + " did not stop within 30 s");
                }
            }
        }
        if (plannerThread == null) {
            parts.decisions.close(); // never started: the decision thread did not close it
        }
        parts.discardPending();
        parts.learner.close();
    }

    /**
     * The decision-maker and learner with the type they share, and the update on its way from one
     * to the other (guarded by the agent's lock).
     */
    private final class Parts<U> {
        final DecisionMaker<U> decisions;
        final Learner<U> learner;
        private U pending;

        Parts(DecisionMaker<U> decisions, Learner<U> learner, U initial) {
            this.decisions = decisions;
            this.learner = learner;
            this.pending = initial;
        }

        /** Caller holds the lock. */
        boolean hasPending() {
            return pending != null;
        }

        @SuppressWarnings("unchecked")
        void offer(Object update) {
            U typed = (U) update;
            synchronized (lock) {
                if (closed) {
                    learner.discard(typed);
                    return;
                }
                if (pending != null) {
                    learner.discard(pending);
                }
                pending = typed;
                hasModel = true;
                lock.notifyAll();
            }
        }

        /** Decision thread: takes the pending update, if any, between two decisions. */
        void swapIn() {
            U update;
            synchronized (lock) {
                update = pending;
                pending = null;
            }
            if (update != null) {
                decisions.accept(update);
            }
        }

        Learner.Learned<U> learn(ReplayBuffer data, TrainingListener listener) throws IOException {
            Learner.Learned<U> round = learner.learn(data.snapshot(), listener);
            offer(round.update());
            return round;
        }

        void discardPending() {
            synchronized (lock) {
                if (pending != null) {
                    learner.discard(pending);
                    pending = null;
                }
            }
        }
    }
}
