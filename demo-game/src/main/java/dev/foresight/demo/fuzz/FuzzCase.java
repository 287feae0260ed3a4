package dev.foresight.demo.fuzz;

import dev.foresight.agent.ActorCriticAgent;
import dev.foresight.agent.ActorCriticConfig;
import dev.foresight.agent.PetsConfig;
import dev.foresight.algorithm.AgentKind;
import dev.foresight.algorithm.Environments;
import dev.foresight.algorithm.RunConfig;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.data.NpzFiles;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.Environment;
import dev.foresight.io.Folders;
import dev.foresight.model.Prediction;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.model.latent.MuZeroWeights;
import dev.foresight.onnx.MuZeroExporter;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxLatentModel;
import dev.foresight.util.RandomStream;
import dev.foresight.policy.sac.SacConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The kinds of file the fuzzer mutates, each with its loader and a use of what it loaded: a load
 * that returns must give something usable and consistent, or it counts as a partial load.
 */
enum FuzzCase {
    /** A dynamics ensemble, loaded by {@link OnnxDynamicsModel} and asked one prediction. */
    ONNX("onnx") {
        @Override
        void loadAndUse(Path file) throws IOException {
            try (OnnxDynamicsModel model = new OnnxDynamicsModel(file, 1, OnnxDynamicsModel.Device.CPU)) {
                int e = model.ensembleSize();
                Prediction out = new Prediction(e, 2, model.obsDim());
                model.predict(new float[e * 2 * model.obsDim()], new float[e * 2 * model.actionDim()], 2, out);
            }
        }
    },
    /** Replay data, loaded by {@link NpzFiles#load(Path)} and checked for consistent columns. */
    NPZ("npz") {
        @Override
        void loadAndUse(Path file) throws IOException {
            Transitions data = NpzFiles.load(file);
            int n = data.size();
            if (data.obs().length != n * data.obsDim() || data.nextObs().length != n * data.obsDim()
                    || data.action().length != n * data.actionDim() || data.reward().length != n
                    || data.terminated().length != n || data.truncated().length != n) {
                throw new PartialLoad("columns of different lengths for " + n + " rows");
            }
            data.episodes();
        }
    },
    /** A run's settings, loaded by {@link RunConfig#load} (which checks every value). */
    CONFIG("json") {
        @Override
        void loadAndUse(Path file) throws IOException {
            RunConfig config = RunConfig.load(file);
            config.toJson();
        }
    },
    /**
     * A run's checkpoint, read by {@link Checkpoint#read} and restored into a small MBPO agent
     * (buffers, SAC networks and Adam, the ensemble, its ONNX model), which then acts and learns a step.
     */
    CHECKPOINT("zip") {
        @Override
        void loadAndUse(Path file) throws IOException {
            Checkpoint checkpoint = Checkpoint.read(file);
            Path work = Files.createTempDirectory("foresight-fuzz-checkpoint");
            try (ActorCriticAgent agent = checkpointAgent(work)) {
                agent.restoreState(checkpoint.scope("agent"));
                float[] obs = {1f, 0f, 0f};
                float[] action = new float[1];
                agent.beginEpisode(obs);
                agent.act(obs, action);
                if (!(Math.abs(action[0]) <= 2f)) {
                    throw new PartialLoad("the restored policy's action " + action[0] + " is outside [-2, 2]");
                }
                agent.observe(obs, action, -1f, obs, false, false);
                agent.endEpisode();
            } finally {
                Folders.deleteTree(work);
            }
        }
    },
    /**
     * MuZero's dynamics network beside valid representation and prediction networks, loaded by
     * {@link OnnxLatentModel} and searched one step (h, g, f on one row).
     */
    MUZERO("onnx") {
        @Override
        void loadAndUse(Path file) throws IOException {
            Path work = Files.createTempDirectory("foresight-fuzz-muzero");
            try {
                byte[][] valid = muzeroFiles();
                Files.write(work.resolve(MuZeroExporter.REPRESENTATION), valid[0]);
                Files.copy(file, work.resolve(MuZeroExporter.DYNAMICS));
                Files.write(work.resolve(MuZeroExporter.PREDICTION), valid[2]);
                try (OnnxLatentModel model = new OnnxLatentModel(work)) {
                    float[] latent = new float[model.latentDim()];
                    model.represent(new float[model.obsDim()], 1, latent);
                    float[] next = new float[model.latentDim()];
                    model.dynamics(latent, new int[] {model.actions() - 1}, 1, next, new float[1]);
                    model.predict(next, 1, new float[model.actions()], new float[1]);
                }
            } finally {
                Folders.deleteTree(work);
            }
        }
    };

    private static byte[][] muzero;

    /**
     * @return MuZero's three files {representation, dynamics, prediction} for small networks with
     *         seeded random weights (no training: plain Java, so the fuzz workers need no DJL)
     */
    static synchronized byte[][] muzeroFiles() {
        if (muzero == null) {
            RandomStream random = new RandomStream(1);
            MuZeroWeights weights = new MuZeroWeights(3, 4, 2, dense(random, 3, 8, 4), dense(random, 6, 8, 5),
                    dense(random, 4, 8, 3));
            ai.onnx.proto.OnnxMl.ModelProto[] models = MuZeroExporter.toModels(weights, "fuzz", Map.of());
            muzero = new byte[][] {models[0].toByteArray(), models[1].toByteArray(), models[2].toByteArray()};
        }
        return muzero;
    }

    private static MuZeroWeights.Dense dense(RandomStream random, int in, int hidden, int out) {
        int[] sizes = {in, hidden, out};
        float[][] w = new float[2][];
        float[][] b = new float[2][];
        for (int l = 0; l < 2; l++) {
            w[l] = new float[sizes[l] * sizes[l + 1]];
            b[l] = new float[sizes[l + 1]];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = (float) (random.nextDouble() - 0.5);
            }
        }
        return new MuZeroWeights.Dense(sizes, w, b);
    }

    private static EnvSpec pendulum;

    /** The pendulum's spec (its physics built once per JVM). */
    static synchronized EnvSpec pendulumSpec() {
        if (pendulum == null) {
            try (Environment env = Environments.create("pendulum")) {
                pendulum = env.spec();
            }
        }
        return pendulum;
    }

    /**
     * @param dir where it exports its files
     * @return the small MBPO agent checkpoints are made from and restored into
     */
    static ActorCriticAgent checkpointAgent(Path dir) {
        SacConfig sac = new SacConfig(List.of(16, 16), 1e-3f, 32, 0.99f, 0.005f, 1, true, 0.2f, Float.NaN, 1);
        EnsembleConfig ensemble = EnsembleConfig.defaults(1).withMembers(3, 2).withHiddenSizes(List.of(16)).withMaxEpochs(2);
        ActorCriticConfig config = new ActorCriticConfig(sac, true, ensemble, 40, 1, 50, 2, 50,
                new ActorCriticConfig.RolloutSchedule(0, 2, 1, 3), 1, 0.25f, false, 400, 1, 0f, false);
        return new ActorCriticAgent(pendulumSpec(), config, "mbpo", dir.resolve("policy.onnx"), dir.resolve("dynamics.onnx"));
    }

    private final String extension;

    FuzzCase(String extension) {
        this.extension = extension;
    }

    /** @return the file extension of this kind */
    String extension() {
        return extension;
    }

    /** @return a seed file of this kind to mutate (valid: it loads) */
    static RunConfig seedConfig() {
        return new RunConfig("pendulum", AgentKind.PETS, 3, 1, null, PetsConfig.defaults(1));
    }

    /**
     * Loads the file and uses what it loaded.
     *
     * @throws IOException or {@link IllegalArgumentException}: a clear error
     * @throws PartialLoad if the load returned something inconsistent or unusable
     */
    abstract void loadAndUse(Path file) throws IOException;

    /** A load that returned but gave something inconsistent. */
    static final class PartialLoad extends RuntimeException {
        PartialLoad(String message) {
            super(message);
        }
    }

    /**
     * Classifies what loading a file did.
     *
     * @param file the file
     * @return "ok" (loaded and usable), "error" (a clear error: a checked or argument exception with
     *         a message), "partial" (loaded but unusable) or "crash: …" (any other exception, which a
     *         user would see as a stack trace)
     */
    String run(Path file) {
        try {
            loadAndUse(file);
            return "ok";
        } catch (PartialLoad e) {
            return "partial " + e.getMessage();
        } catch (NoSuchFileException e) {
            return "crash the fuzzer lost its file " + e.getMessage();
        } catch (IOException | IllegalArgumentException e) {
            String message = e.getMessage();
            return message == null || message.isBlank() ? "crash " + e.getClass().getSimpleName() + " without a message"
                    : "error";
        } catch (RuntimeException | Error e) {
            // An exception from using a model that loaded means the load let a broken file through.
            return (e instanceof IllegalStateException ? "partial " : "crash ") + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replace('\n', ' ').toLowerCase(Locale.ROOT);
        }
    }
}
