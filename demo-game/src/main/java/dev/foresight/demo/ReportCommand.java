package dev.foresight.demo;

import dev.foresight.demo.plot.Chart;
import dev.foresight.demo.plot.LearningCurves;
import dev.foresight.experiments.stats.SeedStatistics;
import dev.foresight.experiments.sweep.RunResult;
import dev.foresight.experiments.sweep.Sweep;
import dev.foresight.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Turns a sweep's results into {@code REPORT_DIR/report.md} and one learning-curve PNG per
 * environment: per environment × agent × settings, the final return's mean with a 95 % bootstrap
 * interval and the interquartile mean over seeds, env steps until the mean curve first reaches a
 * threshold, and wall time; {@code summary.md}, one table of every agent on every environment
 * (what {@code --readme} puts into a README between {@value #START} and {@value #END}); with
 * {@code --keep-data}, {@code REPORT_DIR/data/}: the results and every finished run's
 * {@code config.json} and {@code metrics.csv}, a sweep folder from which the same report is
 * written again ({@code report REPORT_DIR/data --out REPORT_DIR}). Deterministic given the runs.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Summarise a sweep folder (written by 'sweep') into REPORT_DIR/report.md and one learning-curve PNG",
                "per environment: final return mean with a 95% bootstrap interval and the interquartile mean (Agarwal et",
                "al. 2021), env steps to reach a threshold, wall time; failed runs are listed. Also summary.md (one",
                "table: agents x environments); --readme FILE puts it into FILE between the lines",
                "<!-- benchmark:start --> and <!-- benchmark:end -->; --keep-data copies what the report is made of into",
                "REPORT_DIR/data (results.csv, each run's config.json and metrics.csv) so it can be written again from it."})
final class ReportCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "A sweep folder (with results.csv).")
    Path sweep;

    @Option(names = "--out", required = true, description = "The report folder (created).")
    Path out;

    @Option(names = "--threshold", split = ",", description = "ENV=RETURN: report env steps until the mean curve first"
            + " reaches RETURN (default: 90% of the way from the worst to the best final mean of that environment).")
    Map<String, Double> thresholds = new LinkedHashMap<>();

    @Option(names = "--readme", paramLabel = "FILE", description = "Put summary.md into FILE between " + START + " and "
            + END + " (written atomically).")
    Path readme;

    @Option(names = "--keep-data", description = "Copy results.csv and each finished run's config.json and metrics.csv"
            + " into REPORT_DIR/data.")
    boolean keepData;

    /** The line before the summary in a README. */
    static final String START = "<!-- benchmark:start -->";
    /** The line after it. */
    static final String END = "<!-- benchmark:end -->";
    /** What a kept run folder holds: all the report reads. */
    private static final List<String> DATA_FILES = List.of("config.json", "metrics.csv");

    /** One results.csv row, as far as the report needs it. */
    private record Row(String env, String agent, String settings, long seed, boolean ok, boolean pending,
                       double finalReturn, double wallSeconds, String dir) {
    }

    /** The runs of one environment × agent × settings. */
    private record Group(String env, String label, List<Row> rows) {
    }

    @Override
    public void run() {
        try {
            List<Row> all = readResults(sweep.resolve(Sweep.RESULTS));
            // A sweep under way lists its unfinished runs as pending: they are not results yet.
            List<Row> rows = all.stream().filter(r -> !r.pending()).toList();
            int pending = all.size() - rows.size();
            Files.createDirectories(out);
            Map<String, List<Group>> byEnv = new LinkedHashMap<>();
            for (Row row : rows) {
                String label = row.agent() + (row.settings().equals("default") ? "" : " [" + row.settings() + "]");
                List<Group> groups = byEnv.computeIfAbsent(row.env(), k -> new ArrayList<>());
                Group group = groups.stream().filter(g -> g.label().equals(label)).findFirst().orElse(null);
                if (group == null) {
                    group = new Group(row.env(), label, new ArrayList<>());
                    groups.add(group);
                }
                group.rows().add(row);
            }
            StringBuilder md = new StringBuilder("# Sweep report\n\nFrom `results.csv`: "
                    + rows.size() + " runs" + (pending > 0 ? " (" + pending + " more not finished yet: the sweep is under way)"
                    : "") + ". Final return = the last episode's return; mean over seeds with a 95% percentile"
                    + " bootstrap interval (" + SeedStatistics.RESAMPLES + " resamples) and the interquartile mean (IQM,"
                    + " Agarwal et al. 2021). Steps to threshold: env steps until the mean learning curve first reaches"
                    + " it.\n");
            for (Map.Entry<String, List<Group>> env : byEnv.entrySet()) {
                md.append(environmentSection(env.getKey(), env.getValue()));
            }
            String summary = summary(byEnv);
            AtomicFiles.write(out.resolve("summary.md"), summary.getBytes(StandardCharsets.UTF_8));
            if (readme != null) {
                putIntoReadme(summary);
            }
            if (keepData) {
                keepData(rows);
            }
            List<Row> failed = rows.stream().filter(r -> !r.ok()).toList();
            if (!failed.isEmpty()) {
                md.append("\n## Failed runs\n\n");
                failed.forEach(r -> md.append("- ").append(r.env()).append(' ').append(r.agent()).append(' ')
                        .append(r.settings()).append(" seed ").append(r.seed()).append(": log `").append(r.dir()).append("`\n"));
            }
            AtomicFiles.write(out.resolve("report.md"), md.toString().getBytes(StandardCharsets.UTF_8));
            System.out.println("wrote " + out.resolve("report.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String environmentSection(String env, List<Group> groups) throws IOException {
        String envName = shortName(env);
        List<LearningCurves.Summary> curves = new ArrayList<>();
        List<double[]> finals = new ArrayList<>();
        for (Group group : groups) {
            List<LearningCurves.Run> runs = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (Row row : group.rows()) {
                if (row.ok()) {
                    LearningCurves.Run run = LearningCurves.read(sweep.resolve(row.dir()));
                    runs.add(new LearningCurves.Run(group.label(), row.seed(), run.envSteps(), run.returns(), group.label()));
                    scores.add(row.finalReturn());
                }
            }
            curves.add(runs.isEmpty() ? null : LearningCurves.summarise(runs).get(0));
            finals.add(scores.stream().mapToDouble(Double::doubleValue).toArray());
        }
        double best = finals.stream().filter(f -> f.length > 0).mapToDouble(SeedStatistics::mean).max().orElse(Double.NaN);
        double worst = finals.stream().filter(f -> f.length > 0).mapToDouble(SeedStatistics::mean).min().orElse(Double.NaN);
        double threshold = thresholds.getOrDefault(envName, thresholds.getOrDefault(env, worst + 0.9 * (best - worst)));

        Chart chart = new Chart("Learning curves on " + envName, 1, 1000, 560);
        Chart.Panel panel = chart.panel("mean over seeds, band: lowest to highest", "env steps", "episode return").integerX();
        StringBuilder md = new StringBuilder("\n## ").append(envName).append("\n\n")
                .append("| agent | seeds ok | final return: mean [95% CI] | IQM | steps to ")
                .append(String.format(Locale.ROOT, "%.1f", threshold)).append(" | wall s (mean) |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < groups.size(); i++) {
            Group group = groups.get(i);
            double[] scores = finals.get(i);
            LearningCurves.Summary curve = curves.get(i);
            long ok = group.rows().stream().filter(Row::ok).count();
            double wall = group.rows().stream().filter(Row::ok).mapToDouble(Row::wallSeconds).average().orElse(Double.NaN);
            if (scores.length == 0) {
                md.append("| ").append(group.label()).append(" | 0 of ").append(group.rows().size()).append(" | – | – | – | – |\n");
                continue;
            }
            double[] ci = SeedStatistics.bootstrapInterval(scores, 0.95);
            md.append(String.format(Locale.ROOT, "| %s | %d of %d | %.1f [%.1f, %.1f] | %.1f | %s | %.1f |%n", group.label(), ok,
                    group.rows().size(), SeedStatistics.mean(scores), ci[0], ci[1], SeedStatistics.interquartileMean(scores),
                    stepsTo(curve, threshold), wall));
            LearningCurves.draw(panel, i, curve,
                    group.label() + " (" + curve.runs() + (curve.runs() == 1 ? " seed)" : " seeds)"));
        }
        String png = "curves-" + envName + ".png";
        chart.save(out.resolve(png));
        md.append("\n![learning curves on ").append(envName).append("](").append(png).append(")\n");
        return md.toString();
    }

    /**
     * @return one markdown table: a row per agent (and settings), a column per environment, each cell
     *         the final return's mean over seeds with its 95% bootstrap interval ("–" where the agent
     *         did not run)
     */
    private static String summary(Map<String, List<Group>> byEnv) {
        List<String> labels = new ArrayList<>();
        byEnv.values().forEach(groups -> groups.forEach(g -> {
            if (!labels.contains(g.label())) {
                labels.add(g.label());
            }
        }));
        List<String> envs = byEnv.keySet().stream().map(ReportCommand::shortName).toList();
        StringBuilder md = new StringBuilder("| agent | ").append(String.join(" | ", envs)).append(" |\n|---|")
                .append("---|".repeat(envs.size())).append('\n');
        for (String label : labels) {
            md.append("| ").append(label).append(" |");
            for (List<Group> groups : byEnv.values()) {
                double[] scores = groups.stream().filter(g -> g.label().equals(label)).flatMap(g -> g.rows().stream())
                        .filter(Row::ok).mapToDouble(Row::finalReturn).toArray();
                if (scores.length == 0) {
                    md.append(" – |");
                } else {
                    double[] ci = SeedStatistics.bootstrapInterval(scores, 0.95);
                    md.append(' ').append(round(SeedStatistics.mean(scores))).append(" [").append(round(ci[0])).append(", ")
                            .append(round(ci[1])).append("] |");
                }
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** @return an environment's name as the report shows it: a task class by its simple name */
    private static String shortName(String env) {
        return env.contains(".") ? env.substring(env.lastIndexOf('.') + 1) : env;
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
    }

    private void putIntoReadme(String summary) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(readme + " has no place for the table: add a line " + START
                    + " and, below it, a line " + END);
        }
        String updated = text.substring(0, start + START.length()) + "\n" + summary + text.substring(end);
        AtomicFiles.write(readme, updated.getBytes(StandardCharsets.UTF_8));
        System.out.println("updated the table in " + readme);
    }

    /** Copies results.csv and each finished run's files into OUT/data (a sweep folder the report reads). */
    private void keepData(List<Row> rows) throws IOException {
        Path data = out.resolve("data");
        Files.createDirectories(data);
        AtomicFiles.write(data.resolve(Sweep.RESULTS), Files.readAllBytes(sweep.resolve(Sweep.RESULTS)));
        for (Row row : rows) {
            if (row.ok()) {
                Path to = Files.createDirectories(data.resolve(row.dir()));
                for (String file : DATA_FILES) {
                    AtomicFiles.write(to.resolve(file), Files.readAllBytes(sweep.resolve(row.dir()).resolve(file)));
                }
            }
        }
        System.out.println("kept the data in " + data);
    }

    private static String stepsTo(LearningCurves.Summary curve, double threshold) {
        for (int p = 0; p < curve.mean().length; p++) {
            if (curve.mean()[p] >= threshold) {
                return String.format(Locale.ROOT, "%.0f", curve.envSteps()[p]);
            }
        }
        return "not reached";
    }

    private static List<Row> readResults(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file.getParent() + " is not a sweep folder (no " + Sweep.RESULTS
                    + "): pass the --out folder of 'sweep'");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] c = splitCsv(lines.get(i));
            try {
                String status = c[header.indexOf("status")];
                boolean ok = "ok".equals(status);
                rows.add(new Row(c[header.indexOf("env")], c[header.indexOf("agent")], c[header.indexOf("settings")],
                        Long.parseLong(c[header.indexOf("seed")]), ok, RunResult.PENDING.equals(status),
                        ok ? Double.parseDouble(c[header.indexOf("final_return")]) : Double.NaN,
                        ok ? Double.parseDouble(c[header.indexOf("wall_s")]) : Double.NaN, c[header.indexOf("dir")]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not a results row: " + lines.get(i), e);
            }
        }
        return rows;
    }

    /** Splits one CSV line, honouring double-quoted cells. */
    private static String[] splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }
}
