package dev.foresight.env.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Libbulletjme fills its JNI cache lazily and marks it filled before it is: threads creating
 * their first scenes at once crashed the JVM (seen once in a benchmark probe; the window is a few
 * microseconds, so a run without the fix usually survives — this test makes the race as likely as
 * it can and repeats it). Each run is a fresh JVM, because the race exists only before the first
 * native object. The start-up banner check is deterministic.
 */
class PhysicsNativesTest {
    private static final int RUNS = 5;
    private static final int THREADS = 4;

    @Test
    void threadsCreatingTheirFirstScenesAtOnceDoNotCrashTheJvm() throws Exception {
        for (int run = 1; run <= RUNS; run++) {
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    ConcurrentFirstUse.class.getName(), Integer.toString(THREADS)))
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "run " + run + " did not finish");
            String text = new String(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "run " + run + " failed:\n" + text);
            assertTrue(text.contains("ok " + THREADS), "run " + run + ": " + text);
            assertTrue(!text.contains("Libbulletjme"), "the native start-up banner is printed:\n" + text);
        }
    }
}
