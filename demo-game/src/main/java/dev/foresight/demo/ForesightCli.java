package dev.foresight.demo;

import dev.foresight.experiments.sweep.RunLauncher;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code foresight.jar}. Errors a user can fix (an unknown environment, a bad option
 * value) print one line naming the problem and exit with status 2, without a stack trace.
 */
@Command(name = "foresight", mixinStandardHelpOptions = true, version = "Foresight 0.1.0",
        description = "Model-based reinforcement learning for jMonkeyEngine physics scenes.",
        subcommands = {PlayCommand.class, EnvsCommand.class, RolloutCommand.class, TrainModelCommand.class, TrainCommand.class, EvaluateCommand.class,
                BenchCommand.class, BenchModelCommand.class, BenchPlanCommand.class, BenchSacCommand.class, BenchSweepCommand.class, CompareCommand.class, FuzzCommand.class,
                ReproduceCommand.class, BenchDynaCommand.class, BenchSearchCommand.class, BenchMuZeroCommand.class, SweepCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class ForesightCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** With no command, runs {@code play} on its default level. */
    @Override
    public void run() {
        System.exit(spec.commandLine().execute("play"));
    }

    /**
     * @param args command-line arguments
     */
    /**
     * A run started by a sweep ends when the sweep's process ends (even by SIGKILL), so that a
     * re-run of the sweep never finds an orphan still writing the run's folder.
     */
    private static void exitWithParent() {
        String pid = System.getenv(RunLauncher.PARENT_VARIABLE);
        if (pid == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(143)),
                    () -> Runtime.getRuntime().halt(143));
        } catch (NumberFormatException e) {
            System.err.println("ignoring " + RunLauncher.PARENT_VARIABLE + "=" + pid + ": not a process id");
        }
    }

    public static void main(String[] args) {
        quietLibraries();
        exitWithParent();
        System.exit(newCommandLine().execute(args));
    }

    /** @return the command line, with Foresight's error handling, for embedding and tests */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new ForesightCli());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof java.io.UncheckedIOException) {
                PrintWriter err = cl.getErr();
                err.println("error: " + e.getMessage());
                err.flush();
                return 2;
            }
            throw e;
        });
        return commandLine;
    }

    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget their levels. */
    private static final java.util.List<Logger> QUIETED = new java.util.ArrayList<>();

    /**
     * jME, Minie and DJL log start-up chatter: the library's defaults quiet them
     * ({@link dev.foresight.Logging#applyDefaults()}, which respects a user's logging
     * configuration). The command line also hides DJL's warnings (e.g. that it finds no CUDA
     * driver) unless the user configured logging, to keep its machine-read output clean.
     */
    private static void quietLibraries() {
        java.util.List<String> set = dev.foresight.Logging.applyDefaults();
        if (set.contains("ai.djl")) {
            Logger djl = Logger.getLogger("ai.djl");
            djl.setLevel(Level.SEVERE);
            QUIETED.add(djl);
        }
    }
}
