package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports committed under {@code docs/} are what {@code report} makes of their committed data:
 * regenerating them from {@code data/} gives the same tables, so a table in the README cannot drift
 * from the runs it cites.
 */
class CommittedReportTest {
    @TempDir
    Path dir;

    @Test
    void theValueEquivalenceReportRegeneratesFromItsData() throws Exception {
        Path committed = Path.of("..", "docs", "value-equivalence");
        assertTrue(Files.isDirectory(committed.resolve("data")), "the experiment's data is committed");
        ForesightCliTest.Run run = ForesightCliTest.run("report", committed.resolve("data").toString(), "--out",
                dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String file : new String[] {"report.md", "summary.md"}) {
            assertEquals(Files.readString(committed.resolve(file)), Files.readString(dir.resolve(file)),
                    file + " differs from what report makes of docs/value-equivalence/data: regenerate it");
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        String summary = Files.readString(committed.resolve("summary.md"));
        assertTrue(summary.contains("| muzero | 46.2 [41.8, 50.7] | 10.3 [7.6, 12.9] | 8.6 [3.8, 13.4] |")
                && readme.contains("| MuZero | 46.2 [41.8, 50.7] | 10.3 [7.6, 12.9] | 8.6 [3.8, 13.4] |"),
                "the README's table quotes the report");
    }
}
