package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Mutated model, dataset and config files are clear errors or correct loads, never a crash, a partial load or a hang. */
class FuzzCommandTest {
    @Test
    void everyLoaderSurvivesMutatedFiles() {
        ForesightCliTest.Run run = ForesightCliTest.run("fuzz", "--count", "150", "--seed", "5");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("files=150 crashes=0 partial_loads=0 hangs=0", run.lastLine(), run.out());
    }
}
