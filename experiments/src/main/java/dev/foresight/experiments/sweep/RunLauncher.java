package dev.foresight.experiments.sweep;

import dev.foresight.io.Folders;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Trains one run of a sweep as a child JVM ({@code MAIN train --config … --out …}) — so a native
 * crash, a leak or process-wide state of one run never touches another — in
 * {@code runs/FOLDER.partial}, resumed from its checkpoint if an earlier attempt left one
 * ({@code train --resume}), and renamed to {@code runs/FOLDER} once it finished: a run folder
 * without {@code .partial} is always complete. Runs keep their timing in {@code timing.csv}
 * ({@code --timing-apart}) and a finished run's checkpoint is deleted, so its other files are
 * byte-identical whichever executor ran it.
 * The child's output goes to {@code logs/FOLDER.log}.
 *
 * <p>Threading: stateless; one call per run, from any thread (a Spark task).
 *
 * @param sweepDir the sweep folder (absolute)
 * @param java the {@code java} executable
 * @param classPath the class path with Foresight's command line
 * @param mainClass the command line's main class
 * @param jvmOptions extra JVM options of each run (e.g. {@code -Xmx2g})
 * @param timeoutSeconds the longest a run may take (&gt;0)
 */
public record RunLauncher(String sweepDir, String java, String classPath, String mainClass, List<String> jvmOptions,
                          double timeoutSeconds) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String PARTIAL = ".partial";
    /**
     * JVM options that keep a run on one core: ONNX Runtime's intra-op threads (DJL's training
     * already uses one thread). The results do not depend on it (bench-sweep checks, byte for byte).
     */
    public static final List<String> ONE_CORE = List.of("-Dforesight.ort.threads=1");
    /** Tells the child which process to end with (the command line watches it). */
    public static final String PARENT_VARIABLE = "FORESIGHT_PARENT_PID";

    public RunLauncher {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * A launcher for this JVM's Java and class path whose runs use one core each
     * ({@link #ONE_CORE}) — a sweep's parallelism comes from running runs side by side, and a run
     * that spread its model calls over every core would fight its neighbours for them.
     *
     * @param sweepDir the sweep folder
     * @param mainClass the command line's main class
     * @param timeoutSeconds the longest a run may take
     * @return the launcher
     */
    public static RunLauncher here(Path sweepDir, String mainClass, double timeoutSeconds) {
        return new RunLauncher(sweepDir.toAbsolutePath().toString(), javaHere(), absoluteClassPath(), mainClass, ONE_CORE,
                timeoutSeconds);
    }

    /**
     * A launcher that starts runs as a user would by hand: plain {@code train} JVMs with no options.
     *
     * @param sweepDir where the runs go
     * @param mainClass the command line's main class
     * @param timeoutSeconds the longest a run may take
     * @return the launcher
     */
    public static RunLauncher byHand(Path sweepDir, String mainClass, double timeoutSeconds) {
        return new RunLauncher(sweepDir.toAbsolutePath().toString(), javaHere(), absoluteClassPath(), mainClass, List.of(),
                timeoutSeconds);
    }

    private static String javaHere() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * @return this JVM's class path with every entry absolute (a task may run in another folder: a
     *         cluster worker starts executors in its own)
     */
    public static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).filter(p -> !p.isEmpty())
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Trains the run (or finishes it from its checkpoint).
     *
     * @param run the run
     * @param attempt 1 for the first try of this sweep, then 2, …
     * @return the finished run's row
     * @throws RunFailedException if the child failed, crashed or timed out (its log names why)
     */
    public RunResult launch(SweepRun run, int attempt) {
        Path sweep = Path.of(sweepDir);
        Path done = sweep.resolve(Sweep.RUNS).resolve(run.folderName());
        try {
            if (Files.isDirectory(done)) {
                return RunResult.finished(run, sweep, 0);
            }
            Path partial = sweep.resolve(Sweep.RUNS).resolve(run.folderName() + PARTIAL);
            Path log = Files.createDirectories(sweep.resolve(Sweep.LOGS)).resolve(run.folderName() + ".log");
            Path request = Files.createDirectories(sweep.resolve(Sweep.REQUESTS)).resolve(run.folderName() + ".json");
            Files.writeString(request, run.configJson() + "\n", StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classPath, mainClass, "train"));
            boolean resume = Files.isRegularFile(partial.resolve("checkpoint.zip"))
                    && Files.isRegularFile(partial.resolve("config.json"));
            if (resume) {
                command.addAll(List.of("--resume", partial.toString()));
            } else {
                Folders.deleteTree(partial);
                command.addAll(List.of("--config", request.toString(), "--out", partial.toString(), "--timing-apart"));
            }
            Files.writeString(log, "attempt " + attempt + (resume ? " (resuming its checkpoint)" : "") + ": "
                    + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put(PARENT_VARIABLE, Long.toString(ProcessHandle.current().pid()));
            Process child = builder.start();
            boolean ended = child.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
            if (!ended) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                throw new RunFailedException(run.key() + " took longer than " + timeoutSeconds + " s and was stopped; log: "
                        + sweep.relativize(log));
            }
            if (child.exitValue() != 0) {
                throw new RunFailedException(run.key() + " failed (exit " + child.exitValue() + "): "
                        + lastLine(log) + "; log: " + sweep.relativize(log));
            }
            // Finished: the checkpoint (large, and holding wall times) has served its purpose.
            Files.deleteIfExists(partial.resolve("checkpoint.zip"));
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            return RunResult.finished(run, sweep, attempt);
        } catch (IOException e) {
            throw new UncheckedIOException(run.key() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException(run.key() + " was interrupted");
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (l.startsWith("Error") || l.contains("Exception") || l.startsWith("error")) {
                return l.trim();
            }
        }
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).trim();
    }

    /** A run that did not finish; Spark retries its task. */
    public static final class RunFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what happened and where the log is */
        public RunFailedException(String message) {
            super(message);
        }
    }
}
