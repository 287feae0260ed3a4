package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose driver is killed (SIGKILL) while a run is half-done: its run stops with it, and
 * running the same command again finishes every run — the half-done one from its checkpoint — with
 * byte for byte the files of a sweep that was never stopped (timing.csv and results.csv's wall_s
 * aside), nothing lost or duplicated.
 */
class SweepKillTest {
    @TempDir
    Path dir;

    private String[] sweep(Path out) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, """
                {"envs": ["pendulum"], "agents": ["pets"], "seeds": "1-2", "episodes": 4,
                 "settings": {"small": {"pets": {"ensemble": {"hiddenSizes": [16, 16], "maxEpochs": 5},
                   "planner": {"horizon": 5, "particles": 2,
                     "optimizer": {"kind": "cem", "population": 20, "elites": 4, "iterations": 2}}}}}}
                """);
        return new String[] {"sweep", "--spec", spec.toString(), "--master", "local[1]", "--out", out.toString()};
    }

    @Test
    void aKilledSweepFinishesOnARerunWithTheSameFiles() throws Exception {
        Path whole = dir.resolve("whole");
        ForesightCliTest.Run uninterrupted = ForesightCliTest.run(sweep(whole));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err() + uninterrupted.out());

        Path killed = dir.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ForesightCli.class.getName()));
        command.addAll(List.of(sweep(killed)));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile()).start();
        Path partial;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while ((partial = checkpointed(killed)) == null && driver.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(partial != null && driver.isAlive(), "no run got to its first checkpoint: "
                    + Files.readString(dir.resolve("driver.log")));
        } finally {
            driver.destroyForcibly(); // SIGKILL on Linux
            assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
        }
        Thread.sleep(2000); // the run notices its sweep is gone
        long size = Files.size(partial.resolve("metrics.csv"));
        Thread.sleep(4000);
        assertEquals(size, Files.size(partial.resolve("metrics.csv")), "the run went on after its sweep was killed");

        ForesightCliTest.Run rerun = ForesightCliTest.run(sweep(killed));
        assertEquals(0, rerun.exitCode(), rerun.err() + rerun.out());
        assertTrue(rerun.lastLine().startsWith("runs=2 "), rerun.lastLine());
        SweepFolders.assertSameRuns(whole, killed,
                List.of("config.json", "dynamics.onnx", "learning_curve.png", "metrics.csv", "timing.csv"));
        String log = Files.readString(killed.resolve("logs").resolve(partial.getFileName().toString()
                .replace(".partial", ".log")));
        assertTrue(log.contains("resuming its checkpoint"), log);
    }

    /** @return a run folder that is under way and has written a checkpoint, or null */
    private static Path checkpointed(Path sweep) throws IOException {
        Path runs = sweep.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> folders = Files.list(runs)) {
            return folders.filter(p -> p.getFileName().toString().endsWith(".partial"))
                    .filter(p -> Files.isRegularFile(p.resolve("checkpoint.zip"))).findFirst().orElse(null);
        }
    }
}
