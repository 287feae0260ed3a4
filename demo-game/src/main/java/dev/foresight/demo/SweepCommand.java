package dev.foresight.demo;

import dev.foresight.experiments.sweep.RunLauncher;
import dev.foresight.experiments.sweep.RunResult;
import dev.foresight.experiments.sweep.Sweep;
import dev.foresight.experiments.sweep.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a sweep of training runs on Spark ({@link Sweep}) and prints its summary. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train every combination of environments x agents x settings x seeds, each run one Spark task in a",
                "child JVM, into DIR/runs/KEY-HASH/ (the usual run files) and one DIR/results.csv. Re-running the same",
                "command skips finished runs and resumes stopped ones from their checkpoints; a run that fails is retried",
                "once, then recorded as failed with its log (DIR/logs/). Embedded Spark by default (local[*], nothing to",
                "install); --master spark://HOST:7077 runs on a cluster (set FORESIGHT_SPARK_SECRET to its shared secret).",
                "A spec file: {\"envs\": [\"pendulum\"], \"agents\": [\"pets\"], \"seeds\": \"1-5\", \"episodes\": 10,",
                "  \"settings\": {\"default\": {}, \"h10\": {\"pets\": {\"planner\": {\"horizon\": 10}}}}}",
                "Exit status 3 when some runs failed."})
final class SweepCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--spec", paramLabel = "FILE.json", description = "The sweep as a file (instead of --env/--agent/--seeds).")
    Path spec;

    @Option(names = "--env", split = ",", description = "Environments, e.g. pendulum,ball.")
    List<String> envs;

    @Option(names = "--agent", split = ",", description = "Agents, e.g. random,pets.")
    List<String> agents;

    @Option(names = "--seeds", description = "Seeds, e.g. 1-5 or 1,3,9.")
    String seeds;

    @Option(names = "--episodes", description = "Episodes per run (default 10).")
    Integer episodes;

    @Option(names = "--out", required = true, description = "The sweep folder.")
    Path out;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master: local[*] (default, embedded),"
            + " local[N], or spark://HOST:PORT.")
    String master;

    @Option(names = "--timeout-minutes", description = "Stop a run that takes longer and count it as failed (default 120).")
    Double timeoutMinutes;

    /** Exit status when some runs failed (their rows say why; their logs are in DIR/logs/). */
    static final int SOME_FAILED = 3;

    @Override
    public Integer call() {
        SweepSpec sweep = resolveSpec();
        RunLauncher launcher = RunLauncher.here(out, ForesightCli.class.getName(), sweep.timeoutMinutes() * 60);
        try {
            Sweep.Summary summary = Sweep.run(sweep, out, master, launcher, System.out::println);
            for (RunResult r : summary.results()) {
                System.out.printf(Locale.ROOT, "%-45s %-6s final_return=%s env_steps=%d%n", r.run().key(), r.status(),
                        r.ok() ? String.format(Locale.ROOT, "%.2f", r.finalReturn()) : "-", r.envSteps());
            }
            System.out.printf(Locale.ROOT, "runs=%d skipped=%d ran=%d failed=%d wall_s=%.1f results=%s%n",
                    summary.results().size(), summary.skipped(), summary.ran(), summary.failed(), summary.seconds(),
                    out.resolve(Sweep.RESULTS));
            return summary.failed() == 0 ? 0 : SOME_FAILED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SweepSpec resolveSpec() {
        SweepSpec resolved = fromFileOrFlags();
        return timeoutMinutes == null ? resolved : resolved.withTimeoutMinutes(timeoutMinutes);
    }

    private SweepSpec fromFileOrFlags() {
        try {
            if (spec != null) {
                if (envs != null || agents != null || seeds != null || episodes != null) {
                    throw new IllegalArgumentException("--spec describes the whole sweep: leave out --env, --agent, --seeds"
                            + " and --episodes");
                }
                return SweepSpec.load(spec);
            }
            if (envs == null || agents == null || seeds == null) {
                throw new IllegalArgumentException("give --env, --agent and --seeds (e.g. --env pendulum,ball --agent"
                        + " random,pets --seeds 1-2), or --spec FILE.json");
            }
            return SweepSpec.of(envs, agents, SweepSpec.parseSeeds(seeds), episodes == null ? 10 : episodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
