package dev.foresight.demo;

import dev.foresight.experiments.sweep.RunLauncher;
import dev.foresight.experiments.sweep.RunResult;
import dev.foresight.experiments.sweep.Sweep;
import dev.foresight.experiments.sweep.SweepRun;
import dev.foresight.experiments.sweep.SweepSpec;
import dev.foresight.io.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a sweep costs and buys on this machine: the same runs trained one after another "by hand"
 * (one {@code train} child JVM each, as a user would type them) and then as one {@code sweep} on
 * embedded Spark with {@code --parallel} task slots, with the fixed cost per run (JVM start,
 * loading, writing; plus, in the sweep, Spark's start and scheduling) taken apart from the runs'
 * own training time ({@code timing.csv}'s last {@code wall_s}). Both ways must leave byte-identical
 * run files.
 */
@Command(name = "bench-sweep", mixinStandardHelpOptions = true,
        description = {"Benchmark sweeps: N runs one after another by hand (one 'train' JVM each) against the same runs as",
                "one 'sweep --master local[P]'. Default runs: PETS (a small ensemble and planner) on pendulum and ball,",
                "seeds 1-2, 8 episodes each (about 6 s of training per run). Last line: bench-sweep: runs=N sequential_s=A sweep_s=B ratio=B/A",
                "fixed_per_run_s=F sweep_fixed_per_run_s=G spark_start_s=S side_by_side_slowdown=X identical=yes|no"})
final class BenchSweepCommand implements Runnable {
    /** The default runs: short, with real learning in them, and each about a run's usual size of JVM. */
    static final String DEFAULT_SPEC = """
            {"envs": ["pendulum", "ball"], "agents": ["pets"], "seeds": "1-2", "episodes": 8,
             "settings": {"small": {"pets": {"randomEpisodes": 1, "ensemble": {"hiddenSizes": [32, 32], "maxEpochs": 10},
               "planner": {"horizon": 10, "particles": 4,
                 "optimizer": {"kind": "cem", "population": 50, "elites": 5, "iterations": 3}}}}}}
            """;

    @Option(names = "--spec", paramLabel = "FILE.json", description = "The runs (a sweep spec; default: the runs above).")
    Path spec;

    @Option(names = "--parallel", defaultValue = "2", description = "Task slots of the sweep, local[P] (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--out", required = true, description = "A folder for the runs (emptied first).")
    Path out;

    @Override
    public void run() {
        try {
            Folders.deleteTree(out);
            Files.createDirectories(out);
            Path specFile = spec;
            if (specFile == null) {
                specFile = out.resolve("spec.json");
                Files.writeString(specFile, DEFAULT_SPEC, StandardCharsets.UTF_8);
            }
            SweepSpec runs = SweepSpec.load(specFile);
            List<SweepRun> list = runs.runs();
            int n = list.size();
            System.out.printf(Locale.ROOT, "%d runs, first one after another by hand, then as one sweep on local[%d]%n", n,
                    parallel);

            Path byHand = out.resolve("by-hand");
            // By hand: plain 'train' JVMs, with ONNX Runtime's default threads, as a user would start them.
            RunLauncher launcher = RunLauncher.byHand(byHand, ForesightCli.class.getName(), runs.timeoutMinutes() * 60);
            long t0 = System.nanoTime();
            double ownByHand = 0;
            for (SweepRun run : list) {
                RunResult r = launcher.launch(run, 1);
                ownByHand += r.wallSeconds();
                System.out.printf(Locale.ROOT, "  by hand: %s own %.1f s%n", run.key(), r.wallSeconds());
            }
            double sequential = (System.nanoTime() - t0) / 1e9;
            double fixed = (sequential - ownByHand) / n;
            System.out.printf(Locale.ROOT, "by hand: %.1f s in all, %.1f s training; fixed cost per run %.2f s (JVM start,"
                    + " loading, writing)%n", sequential, ownByHand, fixed);

            Path swept = out.resolve("sweep");
            Sweep.Summary summary = Sweep.run(runs, swept, "local[" + parallel + "]",
                    RunLauncher.here(swept, ForesightCli.class.getName(), runs.timeoutMinutes() * 60),
                    line -> System.out.println("  sweep: " + line));
            if (summary.failed() > 0) {
                throw new IllegalStateException(summary.failed() + " runs of the sweep failed; see " + swept.resolve("logs"));
            }
            double ownSwept = summary.results().stream().mapToDouble(RunResult::wallSeconds).sum();
            // Slots x wall time is what the sweep had; what the runs did not use of it is its fixed cost.
            double sweepFixed = (parallel * summary.seconds() - ownSwept) / n;
            // How much slower a run trains beside others than alone: the machine's own limit on a sweep's gain.
            double slowdown = ownSwept / ownByHand;
            boolean identical = sameRuns(byHand, swept, list);
            System.out.printf(Locale.ROOT, "sweep: %.1f s in all (Spark start %.1f s), %.1f s training in %d slots; fixed"
                    + " cost per run %.2f s%n", summary.seconds(), summary.sparkStartSeconds(), ownSwept, parallel, sweepFixed);
            System.out.printf(Locale.ROOT, "runs side by side trained %.2fx slower than alone: with no fixed cost at all the"
                    + " ratio would be %.2f%n", slowdown, ownSwept / parallel / sequential);
            System.out.printf(Locale.ROOT, "bench-sweep: runs=%d sequential_s=%.1f sweep_s=%.1f ratio=%.2f fixed_per_run_s=%.2f"
                    + " sweep_fixed_per_run_s=%.2f spark_start_s=%.1f side_by_side_slowdown=%.2f identical=%s%n", n, sequential,
                    summary.seconds(), summary.seconds() / sequential, fixed, sweepFixed, summary.sparkStartSeconds(), slowdown,
                    identical ? "yes" : "no");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether every run left the same files, byte for byte (timing.csv aside) */
    private static boolean sameRuns(Path a, Path b, List<SweepRun> runs) throws IOException {
        for (SweepRun run : runs) {
            Path x = a.resolve(Sweep.RUNS).resolve(run.folderName());
            Path y = b.resolve(Sweep.RUNS).resolve(run.folderName());
            List<String> names = names(x);
            if (!names.equals(names(y))) {
                return false;
            }
            for (String name : names) {
                if (!name.equals("timing.csv") && !Arrays.equals(Files.readAllBytes(x.resolve(name)),
                        Files.readAllBytes(y.resolve(name)))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
