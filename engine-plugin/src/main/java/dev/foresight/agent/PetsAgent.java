package dev.foresight.agent;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.ModelEvaluation;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.planning.MpcPlanner;
import dev.foresight.planning.Planners;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * PETS (Chua et al. 2018), lock-step: uniformly random actions for
 * {@link PetsConfig#randomEpisodes()} episodes, then model-predictive control with a probabilistic
 * ensemble and CEM (or another optimiser) on every control step. {@link #learn} trains the ensemble
 * on everything observed (continuing from the previous weights), exports it to ONNX, and hot-swaps
 * the ONNX Runtime model the planner uses — the planner only ever plans with the exported file.
 * {@link #readyToLearn()} says yes after every episode once the random episodes are done (or once a
 * model was trained, e.g. from a dataset).
 *
 * <p>Action spaces: continuous boxes with finite bounds only (sampling planners).
 *
 * <p>Threading: every method on the acting thread; {@link #learn} blocks it (training itself runs
 * on the trainer's thread, see {@code EnsembleTrainer}). For games, see {@link LiveAgent}.
 */
public final class PetsAgent implements Agent, Checkpointable {
    private final EnvSpec spec;
    private final PetsConfig config;
    private final ReplayBuffer buffer;
    private final RandomPolicy explore;
    private final RandomStream exploreRandom;
    private final ModelUpdater updater;
    private OnnxDynamicsModel model;
    private MpcPolicy mpc;
    private int horizon;
    private long plannerSeed;
    private int episodesFinished;
    private int episodeSteps;
    private boolean episodePlanned;
    private int episodeHorizon;
    private EpisodeStats lastStats = EpisodeStats.NONE;

    /**
     * @param spec the environment's spec (not null; actions a bounded box)
     * @param config the agent's settings (not null)
     * @param modelFile where each retrained model is exported (replaced atomically)
     * @throws IllegalArgumentException if the actions are not a bounded box
     */
    public PetsAgent(EnvSpec spec, PetsConfig config, Path modelFile) {
        spec.continuousActions("PETS").requireBounded("PETS");
        this.spec = spec;
        this.config = config;
        this.buffer = new ReplayBuffer(config.bufferCapacity(), spec.obsDim(), spec.actionDim());
        RandomStream root = new RandomStream(config.seed());
        this.exploreRandom = root.split();
        this.explore = new RandomPolicy(spec.actionSpace(), exploreRandom);
        this.updater = new ModelUpdater(spec, config.ensemble(), modelFile,
                Map.of("agent", "pets", "seed", Long.toString(config.seed())), 0);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the transitions observed */
    public ReplayBuffer buffer() {
        return buffer;
    }

    /**
     * Adds transitions recorded elsewhere (e.g. a saved dataset) to learn from.
     *
     * @param data the transitions (not null)
     * @return how many were stored (rows with NaN/inf are rejected)
     */
    public int addData(Transitions data) {
        return buffer.addAll(data);
    }

    /** @return whether a model has been trained and the agent plans */
    public boolean planning() {
        return mpc != null;
    }

    /** @return the ONNX model planned with, or null before the first retraining */
    public OnnxDynamicsModel model() {
        return model;
    }

    /** @return the planner, or null before the first retraining */
    public MpcPlanner planner() {
        return mpc == null ? null : mpc.planner();
    }

    @Override
    public void beginEpisode(float[] obs) {
        if (mpc != null) {
            mpc.reset();
        }
        episodeSteps = 0;
        episodePlanned = mpc != null;
        episodeHorizon = episodePlanned ? horizon : 0;
    }

    @Override
    public void act(float[] obs, float[] action) {
        if (mpc == null) {
            explore.act(obs, action);
        } else {
            mpc.act(obs, action);
        }
    }

    @Override
    public void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated) {
        buffer.add(obs, action, reward, nextObs, terminated, truncated);
        episodeSteps++;
    }

    /** Counts the episode and measures the current model on it (data it has not been trained on). */
    @Override
    public void endEpisode() {
        episodesFinished++;
        double nll = ModelEvaluation.newestNll(model, buffer, episodeSteps);
        List<Double> plans = mpc == null ? List.of() : mpc.drainPlanMillis();
        lastStats = new EpisodeStats(episodePlanned, episodeHorizon, nll, plans);
    }

    @Override
    public EpisodeStats episodeStats() {
        return lastStats;
    }

    @Override
    public boolean readyToLearn() {
        return buffer.size() > 0 && (episodesFinished >= config.randomEpisodes() || model != null);
    }

    /**
     * Trains on everything observed, exports the model and switches the planner to it.
     *
     * @param listener training progress (not null)
     * @throws IOException if the model cannot be exported or loaded
     */
    @Override
    public void learn(TrainingListener listener) throws IOException {
        Transitions data = buffer.snapshot();
        int nextHorizon = chooseHorizon(data);
        ModelUpdater.Update update = updater.retrain(data, listener);
        OnnxDynamicsModel fresh = update.model();
        OnnxDynamicsModel old = model;
        if (mpc == null || nextHorizon != horizon) {
            if (mpc != null) {
                mpc.planner().close();
            }
            // The first planner keeps seed + 1 (runs without an adaptive horizon are unchanged);
            // a rebuilt one gets a fresh, still deterministic, stream.
            plannerSeed = mpc == null ? config.seed() + 1 : config.seed() + 1 + 7919L * update.retraining();
            mpc = new MpcPolicy(Planners.create(config.planner().withHorizon(nextHorizon), spec, fresh, plannerSeed), 0);
            horizon = nextHorizon;
        } else {
            mpc.planner().setModel(fresh);
        }
        model = fresh;
        if (old != null) {
            old.close();
        }
    }

    /**
     * The horizon to plan with next: the planner's, or with an adaptive horizon the one the current
     * model's open-loop error on the newest episode (not yet trained on) supports.
     */
    private int chooseHorizon(Transitions data) {
        AdaptiveHorizon adaptive = config.adaptiveHorizon();
        if (adaptive == null) {
            return config.planner().horizon();
        }
        List<int[]> episodes = data.episodes();
        if (model == null || episodes.isEmpty()) {
            return adaptive.min();
        }
        int[] newest = episodes.get(episodes.size() - 1);
        int[] horizons = new int[adaptive.max()];
        for (int h = 1; h <= horizons.length; h++) {
            horizons[h - 1] = h;
        }
        return adaptive.choose(ModelEvaluation.openLoopRmse(model, data.range(newest[0], newest[1]), horizons));
    }

    /** @return the horizon planned with (0 before the first retraining) */
    public int horizon() {
        return horizon;
    }

    /** @return the settings */
    public PetsConfig config() {
        return config;
    }

    /**
     * Saves the buffer, the exploration stream, the ensemble with its exported model, and the
     * planner's streams with the seed and horizon it was built with. Call between episodes.
     */
    @Override
    public void saveState(Checkpoint out) {
        buffer.saveState(out.scope("buffer"));
        out.putStream("explore_random", exploreRandom);
        out.putLong("episodes_finished", episodesFinished);
        updater.saveState(out.scope("model"));
        out.putBoolean("planning", mpc != null);
        if (mpc != null) {
            out.putLong("horizon", horizon);
            out.putLong("planner_seed", plannerSeed);
            mpc.planner().saveState(out.scope("planner"));
        }
    }

    @Override
    public void restoreState(Checkpoint in) {
        buffer.restoreState(in.scope("buffer"));
        in.restoreStream("explore_random", exploreRandom);
        episodesFinished = (int) in.getLong("episodes_finished");
        updater.restoreState(in.scope("model"));
        if (mpc != null) {
            mpc.planner().close();
            mpc = null;
        }
        if (model != null) {
            model.close();
        }
        model = updater.takeRestoredModel();
        if (in.getBoolean("planning")) {
            if (model == null) {
                throw new dev.foresight.checkpoint.CheckpointException("the checkpoint says the agent plans but holds no"
                        + " model: it is damaged");
            }
            long savedHorizon = in.getLong("horizon");
            if (savedHorizon < 1 || savedHorizon > 10_000) {
                throw new dev.foresight.checkpoint.CheckpointException("the planning horizon " + savedHorizon
                        + " is impossible: the checkpoint is damaged");
            }
            horizon = (int) savedHorizon;
            plannerSeed = in.getLong("planner_seed");
            mpc = new MpcPolicy(Planners.create(config.planner().withHorizon(horizon), spec, model, plannerSeed), 0);
            mpc.planner().restoreState(in.scope("planner"));
        }
        try {
            updater.commitRestoredModel(); // last: the only change outside memory
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not write the checkpoint's model back", e);
        }
    }

    @Override
    public void close() {
        if (mpc != null) {
            mpc.planner().close();
        }
        if (model != null) {
            model.close();
        }
        updater.close();
    }
}
