package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.data.NpzFiles;
import dev.foresight.data.Transitions;
import dev.foresight.onnx.OnnxDynamicsModel;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-model end to end on a small budget: real episodes, DJL training, ONNX export, evaluation, plot. */
class TrainModelCommandTest {
    @TempDir
    Path out;

    @Test
    void writesTheDatasetTheModelAndThePlotAndEndsWithTheMetricsLine() throws Exception {
        ForesightCliTest.Run run = ForesightCliTest.run("train-model", "--env", "ball", "--episodes", "3", "--seed", "4",
                "--out", out.toString(), "--hidden", "16,16", "--members", "3", "--max-epochs", "3");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.lastLine().matches("holdout_nll=-?[0-9.]+ rmse_h1=[0-9.]+ rmse_h5=[0-9.]+ rmse_h10=[0-9.]+"
                + " rmse_h20=[0-9.]+ train_s=[0-9.]+"), run.lastLine());
        assertTrue(run.out().contains("epoch   1/3"), run.out());

        Transitions data = NpzFiles.load(out.resolve("data.npz"), 6, 2);
        assertEquals(3 * 200, data.size());
        assertEquals(3, data.episodes().size());
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(out.resolve("dynamics.onnx"))) {
            assertEquals(3, model.ensembleSize());
            assertEquals("ball", model.envName());
            assertEquals("400", model.metadata().get("foresight.training_samples"));
        }
        BufferedImage plot = ImageIO.read(out.resolve("prediction.png").toFile());
        assertTrue(plot.getWidth() >= 800 && plot.getHeight() >= 600);
        assertTrue(countBluish(plot) > 500, "the prediction lines and band are drawn");
    }

    @Test
    void tooFewEpisodesIsAClearError() {
        ForesightCliTest.Run run = ForesightCliTest.run("train-model", "--env", "pendulum", "--episodes", "1",
                "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--episodes must be >= 2"), run.err());
    }

    private static int countBluish(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (b > 150 && b > r + 40 && b > g + 20) {
                    count++;
                }
            }
        }
        return count;
    }
}
