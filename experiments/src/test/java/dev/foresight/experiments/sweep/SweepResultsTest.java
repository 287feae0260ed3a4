package dev.foresight.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results of a sweep under way: finished runs with their figures, the others pending. */
class SweepResultsTest {
    @TempDir
    Path dir;

    @Test
    void resultsSoFarListFinishedRunsAndMarkTheRestPending() throws Exception {
        List<SweepRun> runs = SweepSpec.of(List.of("pendulum"), List.of("random"), List.of(1L, 2L), 2).runs();
        Path finished = Files.createDirectories(dir.resolve(Sweep.RUNS).resolve(runs.get(0).folderName()));
        Files.writeString(finished.resolve("metrics.csv"), "episode,env_steps,return,model_holdout_nll,plan_ms_p50,"
                + "plan_ms_p99,train_s,wall_s,horizon\n1,200,-900.5,,,,,,0\n2,400,-850.25,,,,,,0\n");
        Files.writeString(finished.resolve("timing.csv"), "episode,plan_ms_p50,plan_ms_p99,train_s,wall_s\n1,,,0,0.2\n2,,,0,0.4\n");
        Files.createDirectories(dir.resolve(Sweep.RUNS).resolve(runs.get(1).folderName() + ".partial"));

        Sweep.writeResultsSoFar(runs, dir);
        List<String> lines = Files.readAllLines(dir.resolve(Sweep.RESULTS));
        assertEquals(RunResult.HEADER, lines.get(0));
        assertTrue(lines.get(1).contains(",ok,-850.2500,400,0.40,runs/" + runs.get(0).folderName() + ","), lines.get(1));
        assertTrue(lines.get(2).contains(",pending,,0,,,"), "a run under way is pending: " + lines.get(2));
        assertEquals(3, lines.size());
    }
}
