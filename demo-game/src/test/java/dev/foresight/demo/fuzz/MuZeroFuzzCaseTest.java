package dev.foresight.demo.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.util.RandomStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzer's MuZero case: the valid dynamics network loads and runs; broken ones are clear errors. */
class MuZeroFuzzCaseTest {
    @TempDir
    Path dir;

    @Test
    void validLoadsAndBrokenFilesAreClearErrors() throws Exception {
        byte[] valid = FuzzCase.muzeroFiles()[1];
        Path file = dir.resolve("dynamics.onnx");
        Files.write(file, valid);
        assertEquals("ok", FuzzCase.MUZERO.run(file));
        Files.write(file, Arrays.copyOf(valid, valid.length / 2));
        assertEquals("error", FuzzCase.MUZERO.run(file), "a truncated file");
        Files.write(file, FuzzCase.muzeroFiles()[2]);
        assertEquals("error", FuzzCase.MUZERO.run(file), "the prediction network in the dynamics network's place");
        RandomStream random = new RandomStream(4);
        for (int i = 0; i < 40; i++) {
            Files.write(file, Mutator.mutateOnnxModel(valid, random));
            String outcome = FuzzCase.MUZERO.run(file);
            assertEquals(true, outcome.equals("ok") || outcome.equals("error"), "mutation " + i + ": " + outcome);
        }
    }
}
