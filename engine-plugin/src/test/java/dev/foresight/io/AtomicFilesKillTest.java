package dev.foresight.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.onnx.OnnxDynamicsModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed (SIGKILL) in the middle of writing leaves the previous files whole and loadable. */
class AtomicFilesKillTest {
    @TempDir
    Path dir;

    @Test
    void aKillDuringAMetricsWriteOrAModelExportLeavesLoadableFiles() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int trial = 0; trial < 6; trial++) {
            Path out = Files.createDirectories(dir.resolve("trial-" + trial));
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    KeepWriting.class.getName(), out.toString()).redirectErrorStream(true).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null && !line.equals("ready")) {
                    // the child's start-up chatter
                }
                assertEquals("ready", line, "the writer never got going");
                Thread.sleep(30L + 47L * trial); // a different moment of the write cycle each time
                child.destroyForcibly(); // SIGKILL on Linux
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            }
            List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
            assertEquals("episode,return", rows.get(0));
            for (int r = 1; r < rows.size(); r++) {
                assertEquals(r - 1 + "," + (-(r - 1) * 0.5), rows.get(r), "row " + r + " of trial " + trial);
            }
            try (OnnxDynamicsModel model = new OnnxDynamicsModel(out.resolve("dynamics.onnx"))) {
                assertEquals(4, model.obsDim());
            }
        }
    }
}
