package dev.foresight.demo.plot;

import dev.foresight.algorithm.RunConfig;
import dev.foresight.algorithm.TrainingRun;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learning curves read from run folders ({@code metrics.csv} and {@code config.json}), grouped by
 * what differs apart from the seed, and summarised over seeds on a common grid of env steps.
 */
public final class LearningCurves {
    /** The colours of curves, in order (then again). */
    private static final Color[] PALETTE = {new Color(30, 90, 220), new Color(220, 80, 30), new Color(40, 160, 70),
            new Color(150, 60, 190), new Color(120, 120, 120), new Color(200, 160, 20)};

    private LearningCurves() {
    }

    /**
     * Draws a group's mean curve, over a lowest-to-highest band when it has several runs.
     *
     * @param panel where (not null)
     * @param index the curve's place on the panel (picks its colour)
     * @param curve the group (not null)
     * @param label its legend entry
     */
    public static void draw(Chart.Panel panel, int index, Summary curve, String label) {
        Color color = PALETTE[index % PALETTE.length];
        if (curve.runs() > 1) {
            panel.band(curve.envSteps(), curve.low(), curve.high(), new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
        }
        panel.line(label, curve.envSteps(), curve.mean(), color);
    }

    /**
     * One run's curve.
     *
     * @param label the group it belongs to, e.g. "mbpo on pendulum"
     * @param seed its seed
     * @param envSteps cumulative env steps at the end of each episode
     * @param returns each episode's return
     * @param settings what identifies its group: its settings apart from the seed (runs that differ
     *                 only by seed share it)
     */
    public record Run(String label, long seed, double[] envSteps, double[] returns, String settings) {
        /** A run whose group is its label alone. */
        public Run(String label, long seed, double[] envSteps, double[] returns) {
            this(label, seed, envSteps, returns, label);
        }
    }

    /**
     * A group's curve over seeds.
     *
     * @param label the group
     * @param runs how many runs it has
     * @param envSteps the grid
     * @param mean mean return at each grid point
     * @param low lowest run at each grid point
     * @param high highest run at each grid point
     */
    public record Summary(String label, int runs, double[] envSteps, double[] mean, double[] low, double[] high) {
        /** @return the mean at the last grid point */
        public double finalMean() {
            return mean[mean.length - 1];
        }
    }

    /**
     * @param dir a run folder
     * @return its curve
     * @throws IOException if {@code metrics.csv} or {@code config.json} is missing or unreadable (named)
     */
    public static Run read(Path dir) throws IOException {
        Path metrics = dir.resolve(TrainingRun.METRICS_FILE);
        Path configFile = dir.resolve(TrainingRun.CONFIG_FILE);
        if (!Files.isRegularFile(metrics) || !Files.isRegularFile(configFile)) {
            throw new IOException(dir + " is not a run folder: it needs " + TrainingRun.METRICS_FILE + " and "
                    + TrainingRun.CONFIG_FILE + " (as 'train --out' writes them)");
        }
        RunConfig config = RunConfig.load(configFile);
        List<String> lines = Files.readAllLines(metrics);
        if (lines.size() < 2) {
            throw new IOException(metrics + " has no episodes yet");
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int stepsColumn = header.indexOf("env_steps");
        int returnColumn = header.indexOf("return");
        if (stepsColumn < 0 || returnColumn < 0) {
            throw new IOException(metrics + " lacks the env_steps or return column: " + lines.get(0));
        }
        double[] steps = new double[lines.size() - 1];
        double[] returns = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            try {
                steps[i - 1] = Double.parseDouble(cells[stepsColumn]);
                returns[i - 1] = Double.parseDouble(cells[returnColumn]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(metrics + " line " + (i + 1) + " is not a metrics row: " + lines.get(i), e);
            }
        }
        return new Run(config.agent().id() + " on " + config.env(), config.seed(), steps, returns,
                config.withSeed(0).toJson());
    }

    /**
     * Groups runs that differ only by seed and summarises each group on a grid of 100 points from
     * the smallest to the largest env-step count its runs share (each run linearly interpolated
     * between episodes). Groups that share a label (same agent and environment, other settings)
     * are told apart by a suffix "(settings 1)", "(settings 2)", ….
     *
     * @param runs the runs (not empty)
     * @return one summary per group, in the order groups first appear
     */
    public static List<Summary> summarise(List<Run> runs) {
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (Run run : runs) {
            groups.computeIfAbsent(run.settings(), k -> new ArrayList<>()).add(run);
        }
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        groups.values().forEach(members -> perLabel.merge(members.get(0).label(), 1, Integer::sum));
        Map<String, Integer> numbered = new LinkedHashMap<>();
        List<Summary> summaries = new ArrayList<>();
        groups.forEach((settings, members) -> {
            String base = members.get(0).label();
            String label = perLabel.get(base) == 1 ? base
                    : base + " (settings " + numbered.merge(base, 1, Integer::sum) + ")";
            double start = members.stream().mapToDouble(r -> r.envSteps()[0]).max().orElseThrow();
            double end = members.stream().mapToDouble(r -> r.envSteps()[r.envSteps().length - 1]).min().orElseThrow();
            int points = end > start ? 100 : 1;
            double[] grid = new double[points];
            double[] mean = new double[points];
            double[] low = new double[points];
            double[] high = new double[points];
            for (int p = 0; p < points; p++) {
                grid[p] = points == 1 ? end : start + (end - start) * p / (points - 1);
                double sum = 0;
                low[p] = Double.POSITIVE_INFINITY;
                high[p] = Double.NEGATIVE_INFINITY;
                for (Run run : members) {
                    double v = interpolate(run.envSteps(), run.returns(), grid[p]);
                    sum += v;
                    low[p] = Math.min(low[p], v);
                    high[p] = Math.max(high[p], v);
                }
                mean[p] = sum / members.size();
            }
            summaries.add(new Summary(label, members.size(), grid, mean, low, high));
        });
        return summaries;
    }

    /** Linear interpolation of {@code y(x)} at {@code at}, clamped to the ends; x increasing. */
    static double interpolate(double[] x, double[] y, double at) {
        if (at <= x[0]) {
            return y[0];
        }
        for (int i = 1; i < x.length; i++) {
            if (at <= x[i]) {
                double t = (at - x[i - 1]) / (x[i] - x[i - 1]);
                return y[i - 1] + t * (y[i] - y[i - 1]);
            }
        }
        return y[y.length - 1];
    }
}
