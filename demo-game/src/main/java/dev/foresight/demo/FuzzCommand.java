package dev.foresight.demo;

import dev.foresight.demo.fuzz.FileFuzzer;
import dev.foresight.io.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Feeds mutated files to every loader ({@link FileFuzzer}). The last line is exactly
 * {@code files=N crashes=C partial_loads=P hangs=H}.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Feed N mutated .onnx, .npz, config.json and checkpoint.zip files to the loaders, in a child JVM: each must be a",
                "clear error or a correct load. Prints each finding, then: files=N crashes=C partial_loads=P hangs=H"})
final class FuzzCommand implements Runnable {
    @Option(names = "--count", defaultValue = "1000", description = "Mutated files (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the mutations (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keep", description = "Write the cases here and keep them (default: a temporary folder, deleted).")
    Path keep;

    @Option(names = "--timeout", defaultValue = "10", description = "Seconds a load may take before it counts as a hang"
            + " (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Override
    public void run() {
        if (count < 1 || !(timeout > 0)) {
            throw new IllegalArgumentException("--count must be >= 1 and --timeout > 0");
        }
        try {
            Path dir = keep != null ? keep : Files.createTempDirectory("foresight-fuzz");
            try {
                FileFuzzer.Summary summary = FileFuzzer.run(count, seed, dir, timeout, System.out::println);
                System.out.printf("loaded=%d refused=%d%n", summary.loads(), summary.errors());
                System.out.println(summary.line());
            } finally {
                if (keep == null) {
                    Folders.deleteTree(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
