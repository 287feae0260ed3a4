package dev.foresight.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.StepResult;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.model.Prediction;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.model.ensemble.EnsembleTrainer;
import dev.foresight.model.ensemble.EnsembleWeights;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.model.ensemble.TrainingReport;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real DJL-trained ensemble, exported and run in ONNX Runtime. */
class OnnxExportTest {
    private static EnsembleTrainer trainer;
    private static EnsembleTrainer rewardTrainer;
    private static EnvSpec spec;
    private static Transitions data;
    private static TrainingReport report;

    @TempDir
    static Path dir;

    @BeforeAll
    static void train() {
        try (PhysicsEnvironment env = BuiltInTasks.environment("cartpole")) {
            spec = env.spec();
            data = record(env, 3, 11);
        }
        EnsembleConfig config = EnsembleConfig.defaults(3).withHiddenSizes(List.of(32, 32)).withMembers(4, 3).withMaxEpochs(6);
        trainer = new EnsembleTrainer(config, spec.obsDim(), spec.actionDim());
        report = trainer.fit(data, TrainingListener.NONE);
        rewardTrainer = new EnsembleTrainer(config.withLearnReward(true), spec.obsDim(), spec.actionDim());
        rewardTrainer.fit(data, TrainingListener.NONE);
    }

    @AfterAll
    static void close() {
        trainer.close();
        rewardTrainer.close();
    }

    static Transitions record(PhysicsEnvironment env, int episodes, long seed) {
        ReplayBuffer buffer = new ReplayBuffer(episodes * env.spec().maxEpisodeSteps(), env.spec().obsDim(), env.spec().actionDim());
        RandomStream random = new RandomStream(seed);
        for (int e = 0; e < episodes; e++) {
            float[] obs = env.reset(seed + e);
            StepResult result;
            do {
                float[] action = {(float) (2 * random.nextDouble() - 1)};
                result = env.step(action);
                buffer.add(obs, action, result.reward(), result.observation(), result.terminated(), result.truncated());
                obs = result.observation();
            } while (!result.done());
        }
        return buffer.snapshot();
    }

    private static ModelMetadata metadata() {
        return new ModelMetadata(spec.name(), List.of(spec.observationSpace().names()), List.of(spec.actionSpace().names()),
                data.size(), Map.of("seed", "3"));
    }

    @Test
    void trainingKeepsTheElitesAndReportsProgress() {
        assertEquals(3, report.elites().length);
        assertTrue(report.epochs() >= 1 && report.epochs() <= 6);
        assertEquals(data.size(), report.trainRows() + report.validationRows());
        for (int elite : report.elites()) {
            assertTrue(Double.isFinite(report.validationMse()[elite]));
        }
        assertTrue(report.validationMse()[report.elites()[0]] <= report.validationMse()[report.elites()[2]]);
    }

    @Test
    void exportedModelMatchesTheDjlNetworkWithin1e4() throws IOException {
        for (EnsembleTrainer t : List.of(trainer, rewardTrainer)) {
            EnsembleWeights weights = t.weights();
            Path file = dir.resolve(weights.learnsReward() ? "reward.onnx" : "dynamics.onnx");
            OnnxExporter.export(weights, metadata(), file);
            int e = weights.members();
            int n = 257;
            RandomStream random = new RandomStream(9);
            float[] obs = new float[e * n * spec.obsDim()];
            float[] action = new float[e * n * spec.actionDim()];
            for (int i = 0; i < obs.length; i++) {
                obs[i] = (float) (2 * random.nextGaussian());
            }
            for (int i = 0; i < action.length; i++) {
                action[i] = (float) (2 * random.nextDouble() - 1);
            }
            Prediction djl = new Prediction(e, n, spec.obsDim());
            Prediction ort = new Prediction(e, n, spec.obsDim());
            t.predict(obs, action, n, djl);
            try (OnnxDynamicsModel model = new OnnxDynamicsModel(file)) {
                assertEquals(e, model.ensembleSize());
                assertEquals(weights.learnsReward(), model.predictsReward());
                model.predict(obs, action, n, ort);
                model.predict(obs, action, n, ort); // reused buffers give the same answer
            }
            assertEquals(0, maxAbsDiff(djl.nextObsMean(), ort.nextObsMean()), 1e-4, "next_obs_mean");
            assertEquals(0, maxAbsDiff(djl.nextObsLogVar(), ort.nextObsLogVar()), 1e-4, "next_obs_logvar");
            if (weights.learnsReward()) {
                assertEquals(0, maxAbsDiff(djl.rewardMean(), ort.rewardMean()), 1e-4, "reward_mean");
                assertEquals(0, maxAbsDiff(djl.rewardLogVar(), ort.rewardLogVar()), 1e-4, "reward_logvar");
            }
        }
    }

    @Test
    void exportedFilePassesTheIndependentOnnxChecker() throws Exception {
        Path file = dir.resolve("checked.onnx");
        OnnxExporter.export(rewardTrainer.weights(), metadata(), file);
        OnnxChecker.assertAccepted(file);
    }

    @Test
    void metadataAndMismatchesAreReported() throws IOException {
        Path file = dir.resolve("meta.onnx");
        OnnxExporter.export(trainer.weights(), metadata(), file);
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(file)) {
            assertEquals("cartpole", model.envName());
            assertEquals("x,x_dot,cos_theta,sin_theta,theta_dot", model.metadata().get("foresight.obs_names"));
            assertEquals(Integer.toString(data.size()), model.metadata().get("foresight.training_samples"));
            model.requireCompatible(spec);
            try (PhysicsEnvironment pendulum = BuiltInTasks.environment("pendulum")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> model.requireCompatible(pendulum.spec()));
                assertTrue(e.getMessage().contains("obs size 5") && e.getMessage().contains("obs size 3"), e.getMessage());
            }
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> model.predict(new float[7], new float[3], 2, new Prediction(3, 2, 5)));
            assertTrue(shape.getMessage().contains("E·n·obsDim"), shape.getMessage());
        }
    }

    @Test
    void corruptOrForeignFilesAreClearErrors() throws IOException {
        Path file = dir.resolve("good.onnx");
        OnnxExporter.export(trainer.weights(), metadata(), file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
        IOException e = assertThrows(IOException.class, () -> new OnnxDynamicsModel(truncated));
        assertTrue(e.getMessage().contains("truncated.onnx"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> new OnnxDynamicsModel(dir.resolve("none.onnx")));

        // Another kind of Foresight file is named as what it is.
        ai.onnx.proto.OnnxMl.ModelProto.Builder latent = OnnxExporter.toModel(trainer.weights(), metadata()).toBuilder();
        for (int i = 0; i < latent.getMetadataPropsCount(); i++) {
            if (latent.getMetadataProps(i).getKey().equals(ModelMetadata.FORMAT_KEY)) {
                latent.setMetadataProps(i, latent.getMetadataProps(i).toBuilder().setValue("latent/1"));
            }
        }
        IOException kind = assertThrows(IOException.class, () -> new OnnxDynamicsModel(latent.build().toByteArray(),
                "muzero.onnx", 1, OnnxDynamicsModel.Device.CPU));
        assertTrue(kind.getMessage().contains("muzero.onnx") && kind.getMessage().contains("it is a latent model file"),
                kind.getMessage());
    }

    @Test
    void cudaRequestFallsBackToCpu() throws IOException {
        Path file = dir.resolve("auto.onnx");
        OnnxExporter.export(trainer.weights(), metadata(), file);
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(file, 1, OnnxDynamicsModel.Device.AUTO)) {
            Prediction out = new Prediction(model.ensembleSize(), 1, model.obsDim());
            model.predict(new float[model.ensembleSize() * model.obsDim()], new float[model.ensembleSize()], 1, out);
            assertTrue(Float.isFinite(out.nextObsMean()[0]));
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
