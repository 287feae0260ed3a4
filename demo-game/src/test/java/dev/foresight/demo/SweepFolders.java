package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Comparisons of sweep folders for the sweep tests. */
final class SweepFolders {
    /** results.csv's wall-time column, which differs from run to run. */
    static final int WALL_COLUMN = 9;

    private SweepFolders() {
    }

    /** @return the names in a folder, sorted */
    static List<String> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** @return the run folders of a sweep, sorted */
    static List<String> runFolders(Path sweep) throws IOException {
        return files(sweep.resolve("runs"));
    }

    /**
     * Asserts that two sweeps hold the same run folders with byte-identical files (timing.csv aside)
     * and the same results.csv (wall time aside).
     *
     * @param expected files every run folder must hold
     */
    static void assertSameRuns(Path a, Path b, List<String> expected) throws IOException {
        assertEquals(runFolders(a), runFolders(b), "the same run folders, none partial");
        for (String run : runFolders(a)) {
            List<String> names = files(a.resolve("runs").resolve(run));
            assertEquals(expected, names, run);
            assertEquals(names, files(b.resolve("runs").resolve(run)), run);
            for (String file : names) {
                if (!file.equals("timing.csv")) {
                    assertArrayEquals(Files.readAllBytes(a.resolve("runs").resolve(run).resolve(file)),
                            Files.readAllBytes(b.resolve("runs").resolve(run).resolve(file)), run + "/" + file);
                }
            }
        }
        assertEquals(withoutColumn(a.resolve("results.csv"), WALL_COLUMN),
                withoutColumn(b.resolve("results.csv"), WALL_COLUMN));
    }

    private static List<String> withoutColumn(Path csv, int column) throws IOException {
        return Files.readAllLines(csv).stream().map(line -> {
            String[] cells = line.split(",", -1);
            cells[column] = "";
            return String.join(",", cells);
        }).toList();
    }
}
