package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep on the embedded Spark: every run as a child JVM, finished runs skipped, a failing run recorded; report. */
class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSweepRunsSkipsRecordsFailuresAndReports() throws Exception {
        Path sweep = dir.resolve("sweep");
        String[] args = {"sweep", "--env", "pendulum,dev.foresight.demo.FailingTask", "--agent", "random", "--seeds", "1-2",
            "--episodes", "2", "--master", "local[2]", "--out", sweep.toString()};
        ForesightCliTest.Run first = ForesightCliTest.run(args);
        assertEquals(SweepCommand.SOME_FAILED, first.exitCode(), first.err() + first.out());
        assertTrue(first.lastLine().startsWith("runs=4 skipped=0 ran=2 failed=2"), first.lastLine());
        List<String> results = Files.readAllLines(sweep.resolve("results.csv"));
        assertEquals(5, results.size(), String.join("\n", results));
        String ok = results.get(1);
        assertTrue(ok.startsWith("pendulum__random__default__seed-1,pendulum,random,default,1,") && ok.contains(",ok,"), ok);
        String[] cells = ok.split(",", -1);
        Path runDir = sweep.resolve(cells[10]);
        for (String file : List.of("config.json", "metrics.csv", "learning_curve.png")) {
            assertTrue(Files.isRegularFile(runDir.resolve(file)), runDir + "/" + file);
        }
        assertEquals("400", cells[8]);
        String failed = results.get(3);
        assertTrue(failed.contains(",failed,") && failed.contains("logs/FailingTask__random__default__seed-1-"), failed);
        String log = Files.readString(sweep.resolve(failed.split(",")[10]));
        assertTrue(log.contains("attempt 2") && log.contains("fails on purpose"), log);
        byte[] metrics = Files.readAllBytes(runDir.resolve("metrics.csv"));

        ForesightCliTest.Run again = ForesightCliTest.run(args);
        assertTrue(again.lastLine().startsWith("runs=4 skipped=2 ran=0 failed=2"), again.lastLine());
        assertEquals(new String(metrics), Files.readString(runDir.resolve("metrics.csv")), "a finished run is not run again");

        Path report = dir.resolve("report");
        ForesightCliTest.Run reported = ForesightCliTest.run("report", sweep.toString(), "--out", report.toString());
        assertEquals(0, reported.exitCode(), reported.err());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("## pendulum") && md.contains("| random | 2 of 2 |") && md.contains("## Failed runs"), md);
        assertTrue(Files.size(report.resolve("curves-pendulum.png")) > 1000);

        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# Title\n\n" + ReportCommand.START + "\nold table\n" + ReportCommand.END + "\n\nafter\n");
        ForesightCliTest.Run kept = ForesightCliTest.run("report", sweep.toString(), "--out", report.toString(), "--keep-data",
                "--readme", readme.toString());
        assertEquals(0, kept.exitCode(), kept.err());
        String summary = Files.readString(report.resolve("summary.md"));
        assertTrue(summary.startsWith("| agent | pendulum | FailingTask |\n|---|---|---|\n| random | "), summary);
        assertTrue(summary.endsWith(" | – |\n"), "no finished run on FailingTask: " + summary);
        assertEquals("# Title\n\n" + ReportCommand.START + "\n" + summary + ReportCommand.END + "\n\nafter\n",
                Files.readString(readme));
        Path regenerated = dir.resolve("again");
        ForesightCliTest.Run fromData = ForesightCliTest.run("report", report.resolve("data").toString(), "--out",
                regenerated.toString());
        assertEquals(0, fromData.exitCode(), fromData.err());
        assertEquals(Files.readString(report.resolve("report.md")), Files.readString(regenerated.resolve("report.md")),
                "the kept data gives the same report");
        Files.writeString(readme, "no markers\n");
        ForesightCliTest.Run noPlace = ForesightCliTest.run("report", sweep.toString(), "--out", report.toString(), "--readme",
                readme.toString());
        assertTrue(noPlace.exitCode() != 0 && noPlace.err().contains(ReportCommand.START), noPlace.err());
        assertEquals("no markers\n", Files.readString(readme), "a README without a place is left as it was");

        // The results of a sweep under way: pending rows are no results yet, and no failures either.
        List<String> underWay = new java.util.ArrayList<>(results);
        String[] second = underWay.get(2).split(",", -1);
        second[6] = "pending";
        second[7] = "";
        second[9] = "";
        second[10] = "";
        underWay.set(2, String.join(",", second));
        underWay.remove(4);
        underWay.remove(3);
        Files.write(sweep.resolve("results.csv"), underWay);
        ForesightCliTest.Run partial = ForesightCliTest.run("report", sweep.toString(), "--out", dir.resolve("partial").toString());
        assertEquals(0, partial.exitCode(), partial.err());
        String interim = Files.readString(dir.resolve("partial").resolve("report.md"));
        assertTrue(interim.contains("1 runs (1 more not finished yet") && interim.contains("| random | 1 of 1 |")
                && !interim.contains("## Failed runs"), interim);
    }
}
