package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} killed with SIGKILL in the middle of an episode, then {@code train --resume}, ends
 * with exactly the files of a run that was never stopped (metrics.csv's timing columns aside).
 */
class ResumeAfterKillTest {
    @TempDir
    Path dir;

    private static String[] train(Path out) {
        return new String[] {"train", "--env", "pendulum", "--agent", "mbpo", "--episodes", "3", "--seed", "5",
            "--random-steps", "150", "--updates-per-step", "1", "--hidden", "16,16", "--out", out.toString()};
    }

    @Test
    void aRunKilledMidEpisodeResumesToTheSameFiles() throws Exception {
        Path whole = dir.resolve("whole");
        ForesightCliTest.Run uninterrupted = ForesightCliTest.run(train(whole));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

        Path killed = dir.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ForesightCli.class.getName()));
        command.addAll(List.of(train(killed)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (rows(killed) < 2 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(rows(killed) >= 2 && child.isAlive(), "the run never got to episode 3: "
                    + Files.readString(dir.resolve("child.log")));
            Thread.sleep(1500); // well inside episode 3 (about 4 s of learning steps)
            assertTrue(child.isAlive(), "the run ended before it could be killed");
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(2, rows(killed), "killed during episode 3");

        ForesightCliTest.Run resumed = ForesightCliTest.run("train", "--resume", killed.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("resumed " + killed + " after episode 2 of 3"), resumed.out());
        for (String file : List.of("config.json", "policy.onnx", "dynamics.onnx", "learning_curve.png")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(killed.resolve(file)), file);
        }
        assertEquals(withoutTimes(whole), withoutTimes(killed));
    }

    private static int rows(Path run) throws IOException {
        Path metrics = run.resolve("metrics.csv");
        return Files.exists(metrics) ? Files.readAllLines(metrics).size() - 1 : 0;
    }

    /** metrics.csv with plan_ms_p50, plan_ms_p99, train_s and wall_s blanked. */
    private static List<String> withoutTimes(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().map(line -> {
            String[] cells = line.split(",", -1);
            for (int c = 4; c <= 7; c++) {
                cells[c] = "";
            }
            return String.join(",", cells);
        }).toList();
    }
}
