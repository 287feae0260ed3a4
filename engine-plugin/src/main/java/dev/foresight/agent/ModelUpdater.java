package dev.foresight.agent;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.io.AtomicFiles;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.model.ensemble.EnsembleTrainer;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.model.ensemble.TrainingReport;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning half of a model-based agent: trains the dynamics ensemble on everything recorded
 * (continuing from the previous weights), exports it to ONNX (replacing the file atomically) and
 * loads the export into a fresh ONNX Runtime model — so planners only ever plan with the file a
 * game would ship.
 *
 * <p>Threading: {@link #retrain} may be called from any thread, one call at a time (it is
 * synchronised); training itself runs on the trainer's thread (see {@link EnsembleTrainer}).
 */
public final class ModelUpdater implements Learner<OnnxDynamicsModel>, Checkpointable {
    private final EnvSpec spec;
    private final EnsembleTrainer trainer;
    private final Path modelFile;
    private final Map<String, String> tags;
    private final int ortThreads;
    private int retrainings;
    private OnnxDynamicsModel restoredModel;
    private byte[] restoredBytes;

    /**
     * A retrained model.
     *
     * @param model the exported model, loaded in ONNX Runtime (the caller owns and closes it)
     * @param report what training did
     * @param retraining 1 for the first retraining, then 2, 3, …
     */
    public record Update(OnnxDynamicsModel model, TrainingReport report, int retraining) {
    }

    /**
     * @param spec the environment's spec (not null)
     * @param ensemble the ensemble and its training (not null)
     * @param modelFile where each retrained model is exported
     * @param tags extra metadata written into every exported model, e.g. the agent and seed
     * @param ortThreads ONNX Runtime intra-op threads of the loaded models (0: all cores)
     */
    public ModelUpdater(EnvSpec spec, EnsembleConfig ensemble, Path modelFile, Map<String, String> tags, int ortThreads) {
        this.spec = spec;
        this.ortThreads = ortThreads;
        this.trainer = new EnsembleTrainer(ensemble, spec.obsDim(), spec.actionDim());
        this.modelFile = modelFile;
        this.tags = Map.copyOf(tags);
    }

    /**
     * Trains on {@code data}, exports the model and loads it.
     *
     * @param data every transition to train on (not empty)
     * @param listener training progress (not null)
     * @return the new model and the training report
     * @throws IOException if the model cannot be exported or loaded
     */
    public synchronized Update retrain(Transitions data, TrainingListener listener) throws IOException {
        TrainingReport report = trainer.fit(data, listener);
        Map<String, String> info = new LinkedHashMap<>(tags);
        info.put("retraining", Integer.toString(++retrainings));
        ModelMetadata metadata = ModelMetadata.of(spec, data.size(), info);
        OnnxExporter.export(trainer.weights(), metadata, modelFile);
        return new Update(load(), report, retrainings);
    }

    /** Saves the trainer, the retraining count and the last exported model's bytes. */
    @Override
    public synchronized void saveState(Checkpoint out) {
        trainer.saveState(out.scope("trainer"));
        out.putLong("retrainings", retrainings);
        if (retrainings > 0) {
            try {
                out.putBytes("model.onnx", Files.readAllBytes(modelFile));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not read the exported model " + modelFile
                        + " into the checkpoint", e);
            }
        }
    }

    /**
     * Restores the trainer and the retraining count, and loads the checkpoint's exported model
     * (checked against the environment) for {@link #takeRestoredModel()}. Nothing is written:
     * {@link #commitRestoredModel()} puts the model back in the model file once the caller's whole
     * restore has succeeded.
     *
     * @throws dev.foresight.checkpoint.CheckpointException if an entry is damaged or the model does not load
     */
    @Override
    public synchronized void restoreState(Checkpoint in) {
        long saved = in.getLong("retrainings");
        if (saved < 0 || saved > Integer.MAX_VALUE) {
            throw new dev.foresight.checkpoint.CheckpointException("the retraining count " + saved
                    + " is impossible: the checkpoint is damaged");
        }
        byte[] bytes = saved > 0 ? in.getBytes("model.onnx") : null;
        OnnxDynamicsModel model = null;
        if (bytes != null) {
            try {
                model = new OnnxDynamicsModel(bytes, "the checkpoint's model", ortThreads, OnnxDynamicsModel.Device.CPU);
                model.requireCompatible(spec);
            } catch (IOException | IllegalArgumentException e) {
                if (model != null) {
                    model.close();
                }
                throw new dev.foresight.checkpoint.CheckpointException("the checkpoint's dynamics model cannot be used ("
                        + e.getMessage() + "): the checkpoint is damaged", e);
            }
        }
        try {
            trainer.restoreState(in.scope("trainer"));
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            throw e;
        }
        retrainings = (int) saved;
        if (restoredModel != null) {
            restoredModel.close();
        }
        restoredModel = model;
        restoredBytes = bytes;
    }

    /**
     * @return the model {@link #restoreState} loaded (the caller owns and closes it), or null if
     *         the checkpoint was written before the first retraining
     */
    public synchronized OnnxDynamicsModel takeRestoredModel() {
        OnnxDynamicsModel model = restoredModel;
        restoredModel = null;
        return model;
    }

    /**
     * Writes the restored model back to the model file (atomically), so that the folder holds the
     * model the run continues with.
     *
     * @throws IOException if it cannot be written
     */
    public synchronized void commitRestoredModel() throws IOException {
        if (restoredBytes != null) {
            AtomicFiles.write(modelFile, restoredBytes);
            restoredBytes = null;
        }
    }

    private OnnxDynamicsModel load() throws IOException {
        OnnxDynamicsModel fresh = new OnnxDynamicsModel(modelFile, ortThreads, OnnxDynamicsModel.Device.CPU);
        try {
            fresh.requireCompatible(spec);
        } catch (IllegalArgumentException e) {
            fresh.close();
            throw e;
        }
        return fresh;
    }

    /** Retrains (see {@link #retrain}) and hands over the loaded model with the mean held-out error over members. */
    @Override
    public Learned<OnnxDynamicsModel> learn(Transitions data, TrainingListener listener) throws IOException {
        Update update = retrain(data, listener);
        double mse = java.util.Arrays.stream(update.report().validationMse()).average().orElse(Double.NaN);
        return new Learned<>(update.model(), update.retraining(), mse);
    }

    @Override
    public void discard(OnnxDynamicsModel model) {
        model.close();
    }

    /** @return where models are exported */
    public Path modelFile() {
        return modelFile;
    }

    @Override
    public void close() {
        trainer.close();
    }
}
