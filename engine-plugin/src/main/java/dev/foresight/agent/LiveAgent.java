package dev.foresight.agent;

import dev.foresight.data.ReplayBuffer;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.TrainingListener;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.planning.MpcPlanner;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.planning.Planners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A model-based agent for real time (a game): acting never waits for planning or training. Three
 * parts on three threads, as in MuJoCo MPC (see DESIGN.md):
 * <ul>
 *   <li>the <b>acting thread</b> (a game's physics thread) calls {@link #beginEpisode},
 *       {@link #act}, {@link #record} and {@link #endEpisode}; each returns at once;</li>
 *   <li>a <b>planner thread</b> re-plans from the newest recorded state, warm-started from its
 *       previous plan shifted by the steps executed since, within a time budget (anytime), and
 *       publishes the plan with the step it starts at: {@link #act} takes the plan's entry for
 *       the current step, so a plan that arrives late is still used correctly;</li>
 *   <li>a <b>trainer thread</b> (in {@link Mode#LEARN}) retrains the ensemble on everything
 *       recorded after each episode, exports it to ONNX and hands the loaded model to the
 *       planner thread, which swaps it in between two plans (hot swap).</li>
 * </ul>
 * Before its first model, a learning agent explores with seeded uniform random actions (PETS).
 *
 * <p>Threading: the acting methods must be called from one thread; {@link #status()},
 * {@link #imagination()}, {@link #setMode}, {@link #setModel} and {@link #close()} from any.
 */
public final class LiveAgent implements AutoCloseable {
    private static final Logger logger = Logger.getLogger(LiveAgent.class.getName());
    private static final int PLAN_TIMES_KEPT = 256;

    /** Where actions come from. */
    public enum Mode {
        /** Explore, record, retrain after every episode, plan with the newest model. */
        LEARN,
        /** Plan with the current model (e.g. a shipped one); record but never retrain. */
        PLAN,
        /** Actions from the heuristic (e.g. the keyboard); transitions are still recorded. */
        HEURISTIC
    }

    /**
     * Settings of a live agent.
     *
     * @param pets exploration, ensemble, planner, buffer and seed
     * @param planBudgetFraction the planner's time budget per plan, as a fraction of the control period
     *                           (anytime: at least one optimiser iteration always runs)
     * @param ortThreads ONNX Runtime intra-op threads of the planner (leave cores for the game)
     * @param imaginedCandidates other candidates imagined for drawing after each plan (0: none)
     * @param compensateLatency plan from the model's prediction of the next step's state, under the
     *                          action already chosen for the current step, and publish the plan for
     *                          the next step (a plan takes longer than the gap between the state and
     *                          the next physics tick, so it would otherwise always act one step late);
     *                          false: plan from the newest state for the current step
     */
    public record Settings(PetsConfig pets, double planBudgetFraction, int ortThreads, int imaginedCandidates,
                           boolean compensateLatency) {
        public Settings {
            if (!(planBudgetFraction > 0)) {
                throw new IllegalArgumentException("planBudgetFraction must be > 0, got " + planBudgetFraction);
            }
            if (ortThreads < 0 || imaginedCandidates < 0) {
                throw new IllegalArgumentException("ortThreads and imaginedCandidates must be >= 0");
            }
        }

        /**
         * Defaults for a game on a small machine: PETS's agent with a lighter planner
         * ({@link PlannerConfig#interactive()}), 80% of the control period per plan, one ONNX
         * Runtime thread, 6 candidates drawn, latency compensated.
         *
         * @param seed the seed of exploration, training and planning
         * @return the settings
         */
        public static Settings defaults(long seed) {
            return new Settings(PetsConfig.defaults(seed).withPlanner(PlannerConfig.interactive()), 0.8, 1, 6, true);
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
     * @param hasModel whether a model is planned with
     * @param training whether a retraining is running
     * @param retrainings retrainings finished
     * @param validationMse the last retraining's held-out error (mean over members, normalised units; NaN before)
     * @param planMillisP50 median planning time over the recent plans (NaN before the first)
     * @param transitions transitions recorded
     * @param episodesFinished episodes ended so far
     * @param message the latest problem worth showing (empty if none)
     */
    public record Status(Mode mode, int episode, int step, float episodeReturn, float lastReturn, boolean hasModel,
                         boolean training, int retrainings, double validationMse, double planMillisP50,
                         int transitions, int episodesFinished, String message) {
    }

    /**
     * The planner's latest imagined futures, for drawing.
     *
     * @param start the observation they start from, {@code [obsDim]}
     * @param plan per ensemble member, the states predicted along the plan, {@code [E][horizon × obsDim]}
     * @param candidates other candidates of the last optimiser iteration, each followed by
     *                   the first member, {@code [k][horizon × obsDim]}
     * @param episode the episode it was planned in
     * @param step the step it starts at
     */
    public record Imagination(float[] start, float[][] plan, float[][] candidates, int episode, int step) {
    }

    private final EnvSpec spec;
    private final Settings settings;
    private final ReplayBuffer buffer;
    private final RandomPolicy explore;
    private final ModelUpdater updater;
    private final long budgetNanos;
    private final int horizon;
    private final int actionDim;
    private final float[] centre;
    private final Object lock = new Object();

    // Guarded by lock.
    private Mode mode;
    private Policy heuristic;
    private final float[] state;
    private int stateEpisode;
    private int stateStep;
    private long stateVersion;
    private OnnxDynamicsModel pendingModel;
    private boolean hasModel;
    private final float[] plan;
    private int planEpisode = -1;
    private int planStep;
    private final float[] olderPlan;
    private int olderPlanEpisode = -1;
    private int olderPlanStep;
    private final double[] planMillis = new double[PLAN_TIMES_KEPT];
    private int planCount;
    private boolean training;
    private boolean retrainAgain;
    private int retrainings;
    private double validationMse = Double.NaN;
    private String message = "";
    private final List<Float> returns = new ArrayList<>();
    private float episodeReturn;
    private int episodesFinished;

    private volatile Imagination imagination;
    // Planner thread only: buffers of predictMean.
    private float[] meanInputs;
    private float[] meanActions;
    private dev.foresight.model.Prediction meanPrediction;
    private volatile boolean closed;
    private Thread plannerThread;
    private Thread trainerThread;
    private final Object trainerSignal = new Object();
    private boolean trainRequested;

    /**
     * @param spec the environment's spec (not null)
     * @param settings the settings (not null)
     * @param mode the starting mode
     * @param model a model to plan with from the start (e.g. a shipped one; this agent takes it
     *              over and closes it), or null to explore until the first retraining
     * @param workDir where retrained models are exported (created if missing)
     * @throws IOException if {@code workDir} cannot be created
     */
    public LiveAgent(EnvSpec spec, Settings settings, Mode mode, OnnxDynamicsModel model, Path workDir)
            throws IOException {
        if (model != null) {
            model.requireCompatible(spec);
        }
        if (mode == Mode.PLAN && model == null) {
            throw new IllegalArgumentException("Mode.PLAN needs a model to plan with; pass one or start in LEARN");
        }
        this.spec = spec;
        this.settings = settings;
        this.mode = mode;
        PetsConfig pets = settings.pets();
        this.buffer = new ReplayBuffer(pets.bufferCapacity(), spec.obsDim(), spec.actionDim());
        this.explore = new RandomPolicy(spec.actionSpace(), new SplittableRandom(pets.seed()));
        Files.createDirectories(workDir);
        this.updater = new ModelUpdater(spec, pets.ensemble(), workDir.resolve(spec.name() + "-live.onnx"),
                Map.of("agent", "live", "seed", Long.toString(pets.seed())));
        this.budgetNanos = (long) (settings.planBudgetFraction() * spec.controlPeriodSeconds() * 1e9);
        this.horizon = pets.planner().horizon();
        this.actionDim = spec.actionDim();
        this.centre = new float[actionDim];
        for (int i = 0; i < actionDim; i++) {
            centre[i] = 0.5f * (spec.actionSpace().low()[i] + spec.actionSpace().high()[i]);
        }
        this.state = new float[spec.obsDim()];
        this.plan = new float[horizon * actionDim];
        this.olderPlan = new float[horizon * actionDim];
        this.pendingModel = model;
        this.hasModel = model != null;
    }

    /**
     * Starts the planner and trainer threads.
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

    /** @return the environment spec this agent acts in */
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
            mode = newMode;
            lock.notifyAll();
        }
    }

    /** @param policy the actions of {@link Mode#HEURISTIC}, called on the acting thread (null: centre of the bounds) */
    public void setHeuristic(Policy policy) {
        synchronized (lock) {
            heuristic = policy;
        }
    }

    /**
     * Hands the planner a model to plan with from its next plan on (this agent takes it over).
     *
     * @param model the model (not null; must fit the spec)
     */
    public void setModel(OnnxDynamicsModel model) {
        model.requireCompatible(spec);
        synchronized (lock) {
            if (closed) {
                model.close();
                return;
            }
            if (pendingModel != null) {
                pendingModel.close();
            }
            pendingModel = model;
            hasModel = true;
            lock.notifyAll();
        }
    }

    /** Shows a problem on the HUD (e.g. a model that failed to load). */
    public void setMessage(String text) {
        synchronized (lock) {
            message = text == null ? "" : text;
        }
    }

    /**
     * Starts an episode from its first observation. Acting thread.
     *
     * @param obs the first observation, {@code [obsDim]} (unaffected)
     */
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
     *
     * @param obs the current observation, {@code [obsDim]} (unaffected)
     * @param out storage for the action, {@code [actionDim]} (modified)
     */
    public void act(float[] obs, float[] out) {
        Policy manual;
        synchronized (lock) {
            if (mode != Mode.HEURISTIC) {
                if (plannedAction(stateEpisode, stateStep, out)) {
                    return;
                } else if (!hasModel) {
                    explore.act(obs, out);
                } else {
                    System.arraycopy(centre, 0, out, 0, actionDim);
                }
                return;
            }
            manual = heuristic;
        }
        if (manual != null) {
            manual.act(obs, out);
        } else {
            System.arraycopy(centre, 0, out, 0, actionDim);
        }
    }

    /**
     * Records a control step and makes its result the planner's newest state. Acting thread.
     *
     * @param obs the observation before the step (unaffected)
     * @param action the (clipped) action applied (unaffected)
     * @param reward the reward
     * @param nextObs the observation after the step (unaffected)
     * @param terminated whether the episode ended in a terminal state
     * @param truncated whether the episode was cut short
     */
    public void record(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated) {
        buffer.add(obs, action, reward, nextObs, terminated, truncated);
        synchronized (lock) {
            episodeReturn += reward;
            stateStep++;
            publishState(nextObs);
        }
    }

    /**
     * Replaces the current state without recording a step, after the character was changed from
     * outside (e.g. a player moved its target): the planner re-plans from it at once. Acting thread.
     *
     * @param obs the current observation, {@code [obsDim]} (unaffected)
     */
    public void replaceState(float[] obs) {
        synchronized (lock) {
            publishState(obs);
        }
    }

    /**
     * Ends the current episode; a learning agent then retrains in the background. Acting thread.
     */
    public void endEpisode() {
        boolean retrain;
        synchronized (lock) {
            returns.add(episodeReturn);
            episodesFinished++;
            retrain = mode == Mode.LEARN && episodesFinished >= settings.pets().randomEpisodes() && buffer.size() > 0;
        }
        if (retrain) {
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

    /** @return the latest imagined futures, or null before the first plan */
    public Imagination imagination() {
        return imagination;
    }

    /**
     * The action planned for a step: from the newest plan that covers it, else the one before.
     * Caller holds the lock.
     *
     * @return whether a plan covered the step ({@code out} is written only then)
     */
    private boolean plannedAction(int episode, int step, float[] out) {
        if (planEpisode == episode && step >= planStep && step < planStep + horizon) {
            System.arraycopy(plan, (step - planStep) * actionDim, out, 0, actionDim);
            return true;
        }
        if (olderPlanEpisode == episode && step >= olderPlanStep && step < olderPlanStep + horizon) {
            System.arraycopy(olderPlan, (step - olderPlanStep) * actionDim, out, 0, actionDim);
            return true;
        }
        return false;
    }

    private void publishState(float[] obs) {
        System.arraycopy(obs, 0, state, 0, state.length);
        stateVersion++;
        lock.notifyAll();
    }

    private void planLoop() {
        float[] obs = new float[spec.obsDim()];
        float[] newPlan = new float[plan.length];
        float[] applied = new float[actionDim];
        float[] predicted = new float[spec.obsDim()];
        MpcPlanner planner = null;
        OnnxDynamicsModel current = null;
        long seenVersion = -1;
        int plannedEpisode = -1;
        int plannedStep = 0;
        try {
            while (!closed) {
                int episode;
                int step;
                boolean actionKnown;
                OnnxDynamicsModel swap;
                synchronized (lock) {
                    while (!closed && pendingModel == null && (stateVersion == seenVersion || mode == Mode.HEURISTIC
                            || stateEpisode == 0)) {
                        lock.wait();
                    }
                    if (closed) {
                        break;
                    }
                    swap = pendingModel;
                    pendingModel = null;
                    System.arraycopy(state, 0, obs, 0, obs.length);
                    seenVersion = stateVersion;
                    episode = stateEpisode;
                    step = stateStep;
                    actionKnown = settings.compensateLatency() && mode != Mode.HEURISTIC
                            && plannedAction(episode, step, applied);
                }
                if (swap != null) {
                    if (planner == null) {
                        planner = Planners.create(settings.pets().planner(), spec, swap, settings.pets().seed() + 1);
                    } else {
                        planner.setModel(swap);
                    }
                    if (current != null) {
                        current.close();
                    }
                    current = swap;
                }
                if (planner == null || episode == 0) {
                    continue;
                }
                if (actionKnown) {
                    // The current step will run the action already planned for it: plan the next.
                    predictMean(planner.model(), obs, applied, predicted);
                    System.arraycopy(predicted, 0, obs, 0, obs.length);
                    step++;
                }
                if (episode != plannedEpisode) {
                    planner.reset();
                } else {
                    planner.advance(step - plannedStep);
                }
                long start = System.nanoTime();
                planner.setState(obs);
                planner.optimize(budgetNanos);
                double millis = (System.nanoTime() - start) / 1e6;
                System.arraycopy(planner.plan(), 0, newPlan, 0, newPlan.length);
                plannedEpisode = episode;
                plannedStep = step;
                synchronized (lock) {
                    System.arraycopy(plan, 0, olderPlan, 0, plan.length);
                    olderPlanEpisode = planEpisode;
                    olderPlanStep = planStep;
                    System.arraycopy(newPlan, 0, plan, 0, plan.length);
                    planEpisode = episode;
                    planStep = step;
                    planMillis[planCount % PLAN_TIMES_KEPT] = millis;
                    planCount++;
                }
                if (settings.imaginedCandidates() > 0) {
                    imagination = imagine(planner, obs, episode, step);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            logger.log(Level.SEVERE, spec.name() + " planner stopped", e);
            setMessage("planner stopped: " + e.getMessage());
        } finally {
            if (current != null) {
                current.close();
            }
        }
    }

    /**
     * The ensemble's mean prediction of the next observation (one model call, one row per member).
     * Planner thread; its buffers are reused while the ensemble size stays the same.
     */
    private void predictMean(dev.foresight.model.DynamicsModel model, float[] obs, float[] action, float[] out) {
        int e = model.ensembleSize();
        int obsDim = obs.length;
        if (meanPrediction == null || meanPrediction.members() != e) {
            meanInputs = new float[e * obsDim];
            meanActions = new float[e * action.length];
            meanPrediction = new dev.foresight.model.Prediction(e, 1, obsDim);
        }
        for (int m = 0; m < e; m++) {
            System.arraycopy(obs, 0, meanInputs, m * obsDim, obsDim);
            System.arraycopy(action, 0, meanActions, m * action.length, action.length);
        }
        model.predict(meanInputs, meanActions, 1, meanPrediction);
        java.util.Arrays.fill(out, 0f);
        for (int m = 0; m < e; m++) {
            for (int d = 0; d < obsDim; d++) {
                out[d] += meanPrediction.nextObsMean()[m * obsDim + d] / e;
            }
        }
    }

    private Imagination imagine(MpcPlanner planner, float[] obs, int episode, int step) {
        float[][] others = planner.sampledCandidates(settings.imaginedCandidates());
        float[][] sequences = new float[others.length + 1][];
        sequences[0] = planner.plan();
        System.arraycopy(others, 0, sequences, 1, others.length);
        float[][][] futures = planner.imagine(sequences);
        float[][] candidates = new float[others.length][];
        for (int c = 0; c < others.length; c++) {
            candidates[c] = futures[c + 1][0];
        }
        return new Imagination(obs.clone(), futures[0], candidates, episode, step);
    }

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
                    ModelUpdater.Update update = updater.retrain(buffer.snapshot(), cancellable, settings.ortThreads());
                    double mse = Arrays.stream(update.report().validationMse()).average().orElse(Double.NaN);
                    synchronized (lock) {
                        retrainings = update.retraining();
                        validationMse = mse;
                        message = "";
                    }
                    setModel(update.model());
                } catch (CancellationException e) {
                    break;
                } catch (IOException | RuntimeException e) {
                    logger.log(Level.WARNING, spec.name() + ": retraining failed; still planning with the previous model", e);
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
     * Stops both threads (a running retraining stops after its current epoch), waits for them,
     * and closes the models. Idempotent.
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
        synchronized (lock) {
            if (pendingModel != null) {
                pendingModel.close();
                pendingModel = null;
            }
        }
        updater.close();
    }
}
