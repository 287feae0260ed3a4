package dev.foresight.experiments.sweep;

import dev.foresight.algorithm.TrainingRun;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One row of a sweep's {@code results.csv}: {@value #HEADER}.
 *
 * @param run the run
 * @param status "ok", "failed", or "pending" (in the results of a sweep under way: not finished yet)
 * @param finalReturn the last episode's return (NaN if failed)
 * @param envSteps env steps of the run (0 if failed)
 * @param wallSeconds the run's own wall time (the last {@code wall_s} of {@code timing.csv}; NaN if failed)
 * @param attempts how many times it was started in this sweep (0: finished before)
 * @param folder the run's folder relative to the sweep folder, or its log for a failed run
 * @param message why it failed (empty if ok)
 */
public record RunResult(SweepRun run, String status, double finalReturn, long envSteps, double wallSeconds, int attempts,
                        String folder, String message) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The CSV header. */
    public static final String HEADER = "key,env,agent,settings,seed,config_hash,status,final_return,env_steps,wall_s,dir,message";

    /** The status of a run not finished yet, in the results a sweep under way keeps up to date. */
    public static final String PENDING = "pending";

    /**
     * @param run a run not finished yet
     * @return its row in the results of a sweep under way
     */
    static RunResult pending(SweepRun run) {
        return new RunResult(run, PENDING, Double.NaN, 0, Double.NaN, 0, "", "");
    }

    /** @return whether the run finished */
    public boolean ok() {
        return "ok".equals(status);
    }

    /**
     * The result of a finished run, read from its folder.
     *
     * @param run the run
     * @param sweep the sweep folder
     * @param attempts starts in this sweep
     * @return the row
     * @throws IOException if its metrics cannot be read
     */
    static RunResult finished(SweepRun run, Path sweep, int attempts) throws IOException {
        String folder = Sweep.RUNS + "/" + run.folderName();
        Path dir = sweep.resolve(folder);
        String[] last = lastRow(dir.resolve(TrainingRun.METRICS_FILE));
        double wall = Files.isRegularFile(dir.resolve(TrainingRun.TIMING_FILE))
                ? Double.parseDouble(lastRow(dir.resolve(TrainingRun.TIMING_FILE))[4]) : Double.parseDouble(last[7]);
        return new RunResult(run, "ok", Double.parseDouble(last[2]), Long.parseLong(last[1]), wall, attempts, folder, "");
    }

    private static String[] lastRow(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.get(lines.size() - 1).split(",", -1);
    }

    /** @return the row as CSV (no line end) */
    public String toCsv() {
        return String.join(",", run.key(), csv(run.env()), run.agent(), run.settings(), Long.toString(run.seed()),
                run.configHash(), status, Double.isNaN(finalReturn) ? "" : String.format(Locale.ROOT, "%.4f", finalReturn),
                Long.toString(envSteps), Double.isNaN(wallSeconds) ? "" : String.format(Locale.ROOT, "%.2f", wallSeconds),
                folder, csv(message));
    }

    private static String csv(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.contains(",") || flat.contains("\"") ? "\"" + flat.replace("\"", "\"\"") + "\"" : flat;
    }
}
