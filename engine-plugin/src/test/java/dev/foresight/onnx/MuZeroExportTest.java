package dev.foresight.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.muzero.MuZeroConfig;
import dev.foresight.muzero.MuZeroLearner;
import dev.foresight.model.latent.MuZeroWeights;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MuZero's three exported networks equal DJL's within 1e-5 and pass the independent checker. */
class MuZeroExportTest {
    @TempDir
    Path dir;

    @Test
    void theExportedNetworksComputeWhatDjlComputes() throws Exception {
        int obsDim = 5;
        int actions = 3;
        MuZeroConfig config = new MuZeroConfig(List.of(32, 16), 8, 3, 4, 0.9f, 8, 1.25f, 1f, 0.3f, 0.25f, false, 3, 1f, 100,
                0.25f, 16, 1e-3f, 0.25f, 1f, 0, 10, 1000, 11);
        try (MuZeroLearner learner = new MuZeroLearner(config, obsDim, actions)) {
            MuZeroWeights weights = learner.weights();
            MuZeroExporter.export(weights, "test-env", Map.of("foresight.agent", "muzero"), dir);
            RandomStream random = new RandomStream(2);
            int n = 7;
            float[] obs = new float[n * obsDim];
            for (int i = 0; i < obs.length; i++) {
                obs[i] = (float) (4 * random.nextDouble() - 2);
            }
            int[] moves = new int[n];
            for (int i = 0; i < n; i++) {
                moves[i] = random.nextInt(actions);
            }
            float[] djlLatent = learner.represent(obs, n);
            float[][] djlStep = learner.dynamics(djlLatent, moves, n);
            float[][] djlPrediction = learner.predict(djlStep[0], n);
            try (OnnxLatentModel onnx = new OnnxLatentModel(dir)) {
                assertEquals(8, onnx.latentDim());
                assertEquals("test-env", onnx.metadata().get("foresight.env"));
                for (dev.foresight.model.latent.LatentModel model : new dev.foresight.model.latent.LatentModel[] {onnx, weights}) {
                    String who = model == onnx ? "ONNX" : "plain Java";
                    float[] latent = new float[n * 8];
                    model.represent(obs, n, latent);
                    assertClose(djlLatent, latent, who + " h");
                    float[] next = new float[n * 8];
                    float[] rewards = new float[n];
                    model.dynamics(djlLatent, moves, n, next, rewards);
                    assertClose(djlStep[0], next, who + " g's latent");
                    assertClose(djlStep[1], rewards, who + " g's reward");
                    float[] logits = new float[n * actions];
                    float[] values = new float[n];
                    model.predict(djlStep[0], n, logits, values);
                    assertClose(djlPrediction[0], logits, who + " f's logits");
                    assertClose(djlPrediction[1], values, who + " f's value");
                }
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float v : djlLatent) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                assertTrue(min >= 0f && max <= 1f && max > 0.99f, "latents are min-max normalised: " + min + ".." + max);
            }
        }
        for (String file : new String[] {MuZeroExporter.REPRESENTATION, MuZeroExporter.DYNAMICS, MuZeroExporter.PREDICTION}) {
            OnnxChecker.assertAccepted(dir.resolve(file));
        }
    }

    @Test
    void filesOfTheWrongRoleOrAMissingFileAreNamed() throws Exception {
        MuZeroConfig config = MuZeroConfig.defaults(1);
        try (MuZeroLearner learner = new MuZeroLearner(config, 3, 2)) {
            MuZeroExporter.export(learner.weights(), "e", Map.of(), dir);
        }
        Files.copy(dir.resolve(MuZeroExporter.PREDICTION), dir.resolve(MuZeroExporter.DYNAMICS),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException wrong = assertThrows(IOException.class, () -> new OnnxLatentModel(dir));
        assertTrue(wrong.getMessage().contains("prediction network, not its dynamics"), wrong.getMessage());
        Files.delete(dir.resolve(MuZeroExporter.DYNAMICS));
        IOException missing = assertThrows(IOException.class, () -> new OnnxLatentModel(dir));
        assertTrue(missing.getMessage().contains(MuZeroExporter.DYNAMICS), missing.getMessage());
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f, what + " [" + i + "]");
        }
    }
}
