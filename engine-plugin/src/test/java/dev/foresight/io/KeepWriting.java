package dev.foresight.io;

import dev.foresight.model.ensemble.EnsembleWeights;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link AtomicFilesKillTest}: rewrites a metrics file (one more row each time)
 * and re-exports a model, as a training run does, as fast as it can until it is killed. Prints
 * {@code ready} after the first round.
 */
public final class KeepWriting {
    private KeepWriting() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        StringBuilder csv = new StringBuilder("episode,return\n");
        for (int round = 0; ; round++) {
            csv.append(round).append(',').append(-round * 0.5).append('\n');
            AtomicFiles.write(dir.resolve("metrics.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
            OnnxExporter.export(EnsembleWeights.random(3, 4, 2, List.of(64, 64), round),
                    new ModelMetadata("test", List.of("a", "b", "c", "d"), List.of("u", "v"), round, Map.of()),
                    dir.resolve("dynamics.onnx"));
            if (round == 0) {
                System.out.println("ready");
                System.out.flush();
            }
        }
    }
}
