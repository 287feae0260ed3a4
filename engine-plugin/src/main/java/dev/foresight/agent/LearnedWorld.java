package dev.foresight.agent;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.model.EnsembleUncertainty;
import dev.foresight.model.ModelEnvironment;
import dev.foresight.model.Propagation;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The learned world a policy learner trains in (MBPO's and SimPLe's imagination): an ensemble
 * retrained on real data ({@link ModelUpdater}: exported to ONNX, run in ONNX Runtime), stepped as a
 * batched {@link ModelEnvironment} — TS1, sampled next states, the task's reward function or the
 * learned reward, the task's termination — with MOPO's uncertainty penalty
 * {@code r − λ·max member ‖σ‖} (Yu et al. 2020) applied to the rewards after each step when λ &gt; 0.
 *
 * <p>Threading: not thread-safe; one owner.
 */
final class LearnedWorld implements AutoCloseable, Checkpointable {
    private final EnvSpec spec;
    private final ModelUpdater updater;
    private final boolean learnedReward;
    private final float penalty;
    private final int maxRows;
    private final RandomStream random;
    private final float[] penalties;
    private OnnxDynamicsModel model;
    private ModelEnvironment environment;
    private EnsembleUncertainty uncertainty;

    /**
     * @param spec the real environment's spec (not null)
     * @param ensemble the ensemble and its training (not null)
     * @param learnedReward score with the model's reward instead of the task's reward function
     * @param penalty MOPO's λ (&ge;0; 0: no penalty)
     * @param modelFile where each retrained model is exported (replaced atomically)
     * @param tags metadata written into each exported model
     * @param maxRows the most rows stepped at once (&ge;1)
     * @param random the stream of member choices and sampled next states (not null; advanced)
     */
    LearnedWorld(EnvSpec spec, EnsembleConfig ensemble, boolean learnedReward, float penalty, Path modelFile,
                 Map<String, String> tags, int maxRows, RandomStream random) {
        this.spec = spec;
        this.updater = new ModelUpdater(spec, ensemble, modelFile, tags, 0);
        this.learnedReward = learnedReward;
        this.penalty = penalty;
        this.maxRows = maxRows;
        this.random = random;
        this.penalties = new float[maxRows];
    }

    /** @return whether a model has been trained */
    boolean trained() {
        return model != null;
    }

    /**
     * Retrains the ensemble on {@code data} and swaps it in.
     *
     * @param data every real transition (not empty)
     * @param listener training progress (not null)
     * @return the retraining's report
     * @throws IOException if the model cannot be exported or loaded
     */
    ModelUpdater.Update retrain(Transitions data, TrainingListener listener) throws IOException {
        ModelUpdater.Update update = updater.retrain(data, listener);
        install(update.model());
        return update;
    }

    /** Swaps {@code fresh} in as the model (closing the old one). */
    private void install(OnnxDynamicsModel fresh) {
        OnnxDynamicsModel old = model;
        model = fresh;
        if (environment == null) {
            ModelEnvironment.Settings settings = ModelEnvironment.Settings.sampled(Propagation.TS1);
            environment = learnedReward
                    ? new ModelEnvironment(model, settings.withLearnedReward(), List.of(), spec.terminationFunction(),
                    maxRows, random)
                    : new ModelEnvironment(model, settings, List.of(spec.rewardFunction()), spec.terminationFunction(),
                    maxRows, random);
        } else {
            environment.setModel(model);
        }
        if (old != null) {
            old.close();
        }
        uncertainty = penalty > 0 ? new EnsembleUncertainty(model, maxRows) : null;
    }

    /** Saves the ensemble's training state and its exported model (the stream is its owner's). */
    @Override
    public void saveState(Checkpoint out) {
        updater.saveState(out.scope("model"));
    }

    /**
     * Restores the ensemble and swaps in the checkpoint's model, as if it had just been retrained;
     * then puts the model back in the model file. Call last in an agent's restore: the file is the
     * only thing it changes outside memory.
     */
    @Override
    public void restoreState(Checkpoint in) {
        updater.restoreState(in.scope("model"));
        OnnxDynamicsModel restored = updater.takeRestoredModel();
        if (restored != null) {
            install(restored);
        }
        try {
            updater.commitRestoredModel();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not write the checkpoint's model back", e);
        }
    }

    /** @return the model as an environment (after the first {@link #retrain}) */
    ModelEnvironment environment() {
        if (environment == null) {
            throw new IllegalStateException("no model yet: retrain first");
        }
        return environment;
    }

    /**
     * Steps every row and applies the uncertainty penalty to {@link ModelEnvironment#rewards()}.
     *
     * @param actions {@code [rows × actionDim]}, within the bounds (unaffected)
     */
    void step(float[] actions) {
        ModelEnvironment env = environment();
        env.step(actions);
        if (uncertainty != null) {
            int n = env.rows();
            uncertainty.maxStdNorm(env.previousObservations(), actions, n, penalties);
            float[] rewards = env.rewards();
            for (int r = 0; r < n; r++) {
                rewards[r] -= penalty * penalties[r];
            }
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
