package dev.foresight.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.CheckpointException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SavableAdam is DJL's Adam bit for bit, and a saved and restored one continues exactly. */
class SavableAdamTest {
    @TempDir
    Path dir;

    /** Runs {@code steps} updates of w on the loss sum((w·x − 1)²) with rotating inputs; returns w. */
    private static float[] train(Optimizer adam, NDManager manager, NDArray[] w, int from, int steps) {
        for (int s = from; s < from + steps; s++) {
            try (NDManager scope = manager.newSubManager()) {
                w[0].tempAttach(scope);
                w[1].tempAttach(scope);
                NDArray x = DjlEngine.owned(scope, new float[] {1 + s % 3, -0.5f * s, 2f, 0.25f}, new Shape(2, 2));
                try (GradientCollector collector = DjlEngine.pytorch().newGradientCollector()) {
                    NDArray loss = x.matMul(w[0]).add(w[1]).sub(DjlEngine.constant(scope, 1f)).square().sum();
                    collector.backward(loss);
                }
            }
            for (int i = 0; i < 2; i++) {
                try (NDArray g = w[i].getGradient()) {
                    adam.update("p" + i, w[i], g);
                    g.muli(0);
                }
            }
        }
        return w[0].toFloatArray();
    }

    private static NDArray[] parameters(NDManager manager) {
        NDArray weight = DjlEngine.owned(manager, new float[] {0.3f, -0.2f, 0.1f, 0.7f}, new Shape(2, 2));
        NDArray bias = DjlEngine.owned(manager, new float[] {0.05f, -0.05f}, new Shape(1, 2));
        weight.setRequiresGradient(true);
        bias.setRequiresGradient(true);
        return new NDArray[] {weight, bias};
    }

    @Test
    void equalsDjlsAdamAndResumesExactly() throws Exception {
        DjlEngine.call(() -> {
            try (NDManager manager = DjlEngine.pytorch().newBaseManager()) {
                Optimizer reference = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
                float[] expected = train(reference, manager, parameters(manager), 0, 30);
                float[] ours = train(new SavableAdam(0.01f), manager, parameters(manager), 0, 30);
                assertArrayEquals(expected, ours);

                NDArray[] w = parameters(manager);
                SavableAdam first = new SavableAdam(0.01f);
                train(first, manager, w, 0, 12);
                Checkpoint saved = new Checkpoint();
                first.saveState(saved.scope("adam"));
                Path file = dir.resolve("adam.zip");
                saved.write(file);
                SavableAdam second = new SavableAdam(0.01f);
                Map<String, Shape> shapes = Map.of("p0", new Shape(2, 2), "p1", new Shape(1, 2));
                second.restoreState(Checkpoint.read(file).scope("adam"), manager, shapes);
                assertArrayEquals(expected, train(second, manager, w, 12, 18));

                Map<String, Shape> otherNetwork = Map.of("p0", new Shape(4, 1), "p1", new Shape(1, 2));
                CheckpointException wrong = assertThrows(CheckpointException.class,
                        () -> new SavableAdam(0.01f).restoreState(Checkpoint.read(file).scope("adam"), manager, otherNetwork));
                assertTrue(wrong.getMessage().contains("'p0'"), wrong.getMessage());
            }
            return null;
        });
    }
}
