package dev.foresight.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.model.ensemble.EnsembleWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime 1.29 crashed the JVM (SIGSEGV) creating its environment on a default-size main
 * thread when the command line was long: a model loads on the main thread of a process started
 * with 8 KB of arguments.
 */
class OnnxRuntimeStartTest {
    @TempDir
    Path dir;

    @Test
    void aModelLoadsOnTheMainThreadOfAProcessWithALongCommandLine() throws Exception {
        Path file = dir.resolve("m.onnx");
        OnnxExporter.export(EnsembleWeights.random(2, 3, 1, List.of(8), 1),
                new ModelMetadata("test", List.of("a", "b", "c"), List.of("u"), 0, Map.of()), file);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoadOnMainThread.class.getName(), file.toString()));
        for (int i = 0; i < 160; i++) {
            command.add("/an/argument/that/only/makes/the/command/line/long/" + i);
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes());
        int exit = child.waitFor();
        assertEquals(0, exit, "exit " + exit + " (139 is a SIGSEGV): " + out);
        assertTrue(out.lines().anyMatch("ok"::equals), out);
    }
}
