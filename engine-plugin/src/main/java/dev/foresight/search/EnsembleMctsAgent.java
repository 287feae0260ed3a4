package dev.foresight.search;

import dev.foresight.agent.Agent;
import dev.foresight.agent.EpisodeStats;
import dev.foresight.agent.ModelUpdater;
import dev.foresight.agent.RandomPolicy;
import dev.foresight.data.ReplayBuffer;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.ModelEvaluation;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PETS with a tree instead of CEM, for tasks with discrete actions (e.g. {@code cartpole-discrete}):
 * random actions for the first episode, then Monte Carlo tree search every step in the learned
 * probabilistic ensemble ({@link EnsembleSearchModel}: a member drawn per transition, next states
 * sampled), leaves valued by random rollouts through the same model. After every episode the
 * ensemble is retrained on everything observed, exported to ONNX and swapped into the search, as
 * PETS does ({@link ModelUpdater}).
 *
 * <p>Spaces: continuous observations, discrete actions. Deterministic for a seed. Threading: every
 * method on the acting thread; {@link #learn} blocks it.
 */
public final class EnsembleMctsAgent implements Agent {
    private final EnvSpec spec;
    private final MctsConfig config;
    private final ReplayBuffer buffer;
    private final RandomPolicy explore;
    private final ModelUpdater updater;
    private final List<Double> planMillis = new ArrayList<>();
    private OnnxDynamicsModel model;
    private EnsembleSearchModel searchModel;
    private Mcts mcts;
    private int episodesFinished;
    private int episodeSteps;
    private boolean episodePlanned;
    private EpisodeStats lastStats = EpisodeStats.NONE;

    /**
     * @param spec the task's spec (discrete actions; not null)
     * @param config the search's settings (not null)
     * @param ensemble the ensemble and its training (not null)
     * @param bufferCapacity the most transitions kept
     * @param modelFile where each retrained model is exported (replaced atomically)
     * @throws IllegalArgumentException naming the task if its actions are not discrete
     */
    public EnsembleMctsAgent(EnvSpec spec, MctsConfig config, EnsembleConfig ensemble, int bufferCapacity, Path modelFile) {
        try {
            spec.actionSpace().requireDiscrete("MCTS (a tree over discrete actions)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(spec.name() + ": " + e.getMessage()
                    + " (for a continuous task try its -discrete version, e.g. cartpole-discrete)", e);
        }
        this.spec = spec;
        this.config = config;
        this.buffer = new ReplayBuffer(bufferCapacity, spec.obsDim(), spec.actionDim());
        this.explore = new RandomPolicy(spec.actionSpace(), new RandomStream(config.seed()).split());
        this.updater = new ModelUpdater(spec, ensemble, modelFile,
                Map.of("agent", "mcts", "seed", Long.toString(config.seed())), 0);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the search (null before the first model) */
    public Mcts search() {
        return mcts;
    }

    @Override
    public void beginEpisode(float[] obs) {
        if (mcts != null) {
            mcts.clear();
        }
        episodeSteps = 0;
        episodePlanned = mcts != null;
        planMillis.clear();
    }

    @Override
    public void act(float[] obs, float[] action) {
        if (mcts == null) {
            explore.act(obs, action);
            return;
        }
        long start = System.nanoTime();
        action[0] = mcts.search(obs);
        planMillis.add((System.nanoTime() - start) / 1e6);
    }

    @Override
    public void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated) {
        buffer.add(obs, action, reward, nextObs, terminated, truncated);
        episodeSteps++;
        if (mcts != null && !terminated && !truncated) {
            mcts.advance((int) action[0], nextObs);
        }
    }

    @Override
    public void endEpisode() {
        episodesFinished++;
        double nll = ModelEvaluation.newestNll(model, buffer, episodeSteps);
        lastStats = new EpisodeStats(episodePlanned, 0, nll, List.copyOf(planMillis));
    }

    @Override
    public EpisodeStats episodeStats() {
        return lastStats;
    }

    @Override
    public boolean readyToLearn() {
        return buffer.size() > 0 && episodesFinished >= 1;
    }

    @Override
    public void learn(TrainingListener listener) throws IOException {
        OnnxDynamicsModel fresh = updater.retrain(buffer.snapshot(), listener).model();
        OnnxDynamicsModel old = model;
        if (searchModel == null) {
            int rows = config.leafBatch() * config.rolloutsPerLeaf();
            searchModel = new EnsembleSearchModel(fresh, spec, Math.max(rows, config.leafBatch()), config.seed() + 1);
            mcts = new Mcts(searchModel, new RandomRollouts(searchModel, config.rolloutDepth(), config.rolloutsPerLeaf(),
                    config.discount(), config.seed() + 2), null, config.settings());
        } else {
            searchModel.setModel(fresh);
        }
        model = fresh;
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
        updater.close();
    }
}
