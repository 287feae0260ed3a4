package dev.foresight.demo;

import dev.foresight.demo.plot.Chart;
import dev.foresight.demo.plot.LearningCurves;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Draws several runs' learning curves against env steps on one chart: runs that differ only in
 * their seed are one curve (the mean, with the band from the lowest to the highest run).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Draw the learning curves of several runs (folders written by 'train') against env steps on one",
                "chart; runs of the same agent and environment are averaged over their seeds (band: lowest to highest).",
                "Prints one line per curve: label, runs, final mean return."})
final class CompareCommand implements Runnable {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders (each with metrics.csv and config.json).")
    List<Path> runs;

    @Option(names = "--out", required = true, description = "The PNG to write.")
    Path out;

    @Option(names = "--title", defaultValue = "Learning curves", description = "Chart title (default: ${DEFAULT-VALUE}).")
    String title;

    @Override
    public void run() {
        try {
            List<LearningCurves.Run> curves = new ArrayList<>();
            for (Path dir : runs) {
                curves.add(LearningCurves.read(dir));
            }
            List<LearningCurves.Summary> summaries = LearningCurves.summarise(curves);
            Chart chart = new Chart(title, 1, 1000, 560);
            Chart.Panel panel = chart.panel("", "env steps", "episode return").integerX();
            for (int i = 0; i < summaries.size(); i++) {
                LearningCurves.Summary s = summaries.get(i);
                LearningCurves.draw(panel, i, s, s.label() + " (" + s.runs() + (s.runs() == 1 ? " run)" : " runs)"));
            }
            chart.save(out);
            for (LearningCurves.Summary s : summaries) {
                System.out.printf(Locale.ROOT, "%s: runs=%d final_env_steps=%.0f final_mean_return=%.2f%n", s.label(), s.runs(),
                        s.envSteps()[s.envSteps().length - 1], s.finalMean());
            }
            System.out.println("wrote " + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
