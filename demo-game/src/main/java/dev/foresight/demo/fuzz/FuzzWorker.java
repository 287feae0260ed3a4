package dev.foresight.demo.fuzz;

import java.nio.file.Path;

/**
 * The child JVM of {@link FileFuzzer}: loads cases {@code from … to−1} of a folder and prints one
 * line per case, {@code INDEX RESULT}, flushed, so that the parent knows which case a crash or a
 * hang happened in.
 */
public final class FuzzWorker {
    private FuzzWorker() {
    }

    /**
     * @param args the folder, the first case, the end (exclusive)
     */
    public static void main(String[] args) {
        dev.foresight.Logging.applyDefaults();
        java.util.logging.Logger.getLogger("dev.foresight").setLevel(java.util.logging.Level.SEVERE);
        Path dir = Path.of(args[0]);
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        for (int i = from; i < to; i++) {
            FuzzCase kind = FileFuzzer.kindOf(i);
            String result = kind.run(dir.resolve(FileFuzzer.fileName(i)));
            System.out.println(i + " " + result);
            System.out.flush();
        }
    }
}
