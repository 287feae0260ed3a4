package dev.foresight.agent;

import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.EnsembleTrainer;
import dev.foresight.model.ModelEvaluation;
import dev.foresight.model.TrainingListener;
import dev.foresight.model.TrainingReport;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.planning.MpcPlanner;
import dev.foresight.planning.Planners;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PETS (Chua et al. 2018): random actions until the first model is trained, then model-predictive
 * control with a probabilistic ensemble and CEM (or another optimiser) on every control step.
 * {@link #retrain()} trains the ensemble on everything recorded so far (continuing from the
 * previous weights), exports it to ONNX, and hot-swaps the ONNX Runtime model the planner uses —
 * the planner only ever plans with the exported file.
 *
 * <p>Threading: {@link #act} and {@link #reset} on the acting thread; {@link #retrain()} blocks it
 * (training itself runs on the trainer's thread, see {@link EnsembleTrainer}).
 */
public final class PetsAgent implements Policy, AutoCloseable {
    private final EnvSpec spec;
    private final PetsConfig config;
    private final ReplayBuffer buffer;
    private final RandomPolicy explore;
    private final ModelUpdater updater;
    private OnnxDynamicsModel model;
    private MpcPolicy mpc;
    private int horizon;

    /**
     * @param spec the environment's spec (not null)
     * @param config the agent's settings (not null)
     * @param modelFile where each retrained model is exported (replaced atomically)
     */
    public PetsAgent(EnvSpec spec, PetsConfig config, Path modelFile) {
        this.spec = spec;
        this.config = config;
        this.buffer = new ReplayBuffer(config.bufferCapacity(), spec.obsDim(), spec.actionDim());
        SplittableRandom root = new SplittableRandom(config.seed());
        this.explore = new RandomPolicy(spec.actionSpace(), root.split());
        this.updater = new ModelUpdater(spec, config.ensemble(), modelFile,
                Map.of("agent", "pets", "seed", Long.toString(config.seed())));
    }

    /** @return the transitions recorded (pass it to {@link EpisodeRunner#run}) */
    public ReplayBuffer buffer() {
        return buffer;
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
    public void reset() {
        if (mpc != null) {
            mpc.reset();
        }
    }

    @Override
    public void act(float[] obs, float[] action) {
        if (mpc == null) {
            explore.act(obs, action);
        } else {
            mpc.act(obs, action);
        }
    }

    /** @return planning times (in milliseconds) since the last call, and clears them */
    public List<Double> drainPlanMillis() {
        return mpc == null ? List.of() : mpc.drainPlanMillis();
    }

    /**
     * Trains on everything recorded, exports the model and switches the planner to it.
     *
     * @param listener training progress (not null)
     * @return the training report
     * @throws IOException if the model cannot be exported or loaded
     */
    public TrainingReport retrain(TrainingListener listener) throws IOException {
        Transitions data = buffer.snapshot();
        int nextHorizon = chooseHorizon(data);
        ModelUpdater.Update update = updater.retrain(data, listener, 0);
        OnnxDynamicsModel fresh = update.model();
        OnnxDynamicsModel old = model;
        if (mpc == null || nextHorizon != horizon) {
            if (mpc != null) {
                mpc.planner().close();
            }
            // The first planner keeps seed + 1 (runs without an adaptive horizon are unchanged);
            // a rebuilt one gets a fresh, still deterministic, stream.
            long seed = mpc == null ? config.seed() + 1 : config.seed() + 1 + 7919L * update.retraining();
            mpc = new MpcPolicy(Planners.create(config.planner().withHorizon(nextHorizon), spec, fresh, seed), 0);
            horizon = nextHorizon;
        } else {
            mpc.planner().setModel(fresh);
        }
        model = fresh;
        if (old != null) {
            old.close();
        }
        return update.report();
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
