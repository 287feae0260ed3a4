package dev.foresight.demo;

import dev.foresight.demo.plot.Chart;
import dev.foresight.env.grid.GridWorld;
import dev.foresight.env.grid.Mazes;
import dev.foresight.io.AtomicFiles;
import dev.foresight.tabular.DynaConfig;
import dev.foresight.tabular.DynaExperiments;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reproduces a figure of the literature from scratch, seeded: PNG + CSV in the output folder and
 * a last line of key numbers ({@link DynaExperiments}).
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Reproduce a published figure, seeded, writing DIR/<figure>.png and .csv. Figures:",
                "  sutton-barto-8.2  Dyna-Q on the Dyna maze, n = 0, 5, 50 (last line: n0=A n5=B n50=C, the first",
                "                    episode from which the mean steps per episode stay <= 20)",
                "  sutton-barto-8.4  Dyna-Q vs Dyna-Q+ on the blocking maze (last line: steps after the change until",
                "                    each recovers; -1: not within the run)",
                "  sutton-barto-8.5  Dyna-Q vs Dyna-Q+ on the shortcut maze (same last line)"})
final class ReproduceCommand implements Runnable {
    private static final Color[] COLORS = {new Color(30, 90, 220), new Color(220, 120, 20), new Color(30, 150, 60)};

    @Parameters(index = "0", description = "The figure, e.g. sutton-barto-8.2.")
    String figure;

    @Option(names = "--runs", defaultValue = "30", description = "Runs averaged (default: ${DEFAULT-VALUE}, the book's).")
    int runs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Override
    public void run() {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be >= 1, got " + runs);
        }
        try {
            Files.createDirectories(out);
            switch (figure) {
                case "sutton-barto-8.2" -> figure82();
                case "sutton-barto-8.4" -> changingMaze("8.4", "blocking-maze", 3000, 1000);
                case "sutton-barto-8.5" -> changingMaze("8.5", "shortcut-maze", 6000, 3000);
                default -> throw new IllegalArgumentException("unknown figure '" + figure
                        + "'; known: sutton-barto-8.2, sutton-barto-8.4, sutton-barto-8.5");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void figure82() throws IOException {
        int[] ns = {0, 5, 50};
        int episodes = 50;
        long start = System.nanoTime();
        double[][] steps = DynaExperiments.stepsPerEpisode(DynaConfig.dynaQ(0, seed), ns, episodes, runs, seed);
        StringBuilder csv = new StringBuilder("episode,n0,n5,n50\n");
        for (int e = 0; e < episodes; e++) {
            csv.append(String.format(Locale.ROOT, "%d,%.2f,%.2f,%.2f%n", e + 1, steps[0][e], steps[1][e], steps[2][e]));
        }
        AtomicFiles.write(out.resolve("figure-8-2.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        Chart chart = new Chart("Sutton & Barto Figure 8.2: Dyna-Q on the Dyna maze (" + runs + " runs, seed " + seed + ")",
                1, 900, 520);
        Chart.Panel panel = chart.panel("steps per episode (episodes 2-50, as the book draws them)", "episode",
                "steps per episode").integerX();
        double[] x = new double[episodes - 1];
        for (int e = 1; e < episodes; e++) {
            x[e - 1] = e + 1;
        }
        for (int k = 0; k < ns.length; k++) {
            panel.line(ns[k] == 0 ? "0 planning steps (direct RL only)" : ns[k] + " planning steps", x,
                    java.util.Arrays.copyOfRange(steps[k], 1, episodes), COLORS[k]);
        }
        chart.save(out.resolve("figure-8-2.png"));
        System.out.printf(Locale.ROOT, "first episode: %.0f / %.0f / %.0f steps (n = 0 / 5 / 50); runs=%d wall_s=%.1f%n",
                steps[0][0], steps[1][0], steps[2][0], runs, (System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "n0=%d n5=%d n50=%d%n", DynaExperiments.firstEpisodeStayingAtMost(steps[0], 20),
                DynaExperiments.firstEpisodeStayingAtMost(steps[1], 20),
                DynaExperiments.firstEpisodeStayingAtMost(steps[2], 20));
    }

    /** Figures 8.4 / 8.5: n = 10, α = 1 (a deterministic maze), ε 0.1, γ 0.95; Dyna-Q+ κ = 0.001. */
    private void changingMaze(String number, String maze, int steps, int change) throws IOException {
        DynaConfig dynaQ = new DynaConfig(1f, 0.95f, 0.1f, 10, 0f, false, 0f, false, false, seed);
        DynaConfig dynaQPlus = dynaQ.withKappa(1e-3f);
        long start = System.nanoTime();
        double[] plain = DynaExperiments.cumulativeReward(maze, dynaQ, steps, runs, seed);
        double[] plus = DynaExperiments.cumulativeReward(maze, dynaQPlus, steps, runs, seed);
        int shortest;
        try (GridWorld world = Mazes.create(maze)) {
            float[] nothing = {0f};
            world.reset(0);
            while (world.totalSteps() <= change) { // walk into the wall until the change applies
                world.step(nothing);
            }
            shortest = DynaExperiments.shortestPath(world.map());
        }
        int window = 200;
        int plainRecovery = DynaExperiments.recoverySteps(plain, change, shortest, window, 0.7);
        int plusRecovery = DynaExperiments.recoverySteps(plus, change, shortest, window, 0.7);
        StringBuilder csv = new StringBuilder("step,dyna_q,dyna_q_plus\n");
        double[] x = new double[steps];
        for (int t = 0; t < steps; t++) {
            x[t] = t + 1;
            csv.append(String.format(Locale.ROOT, "%d,%.3f,%.3f%n", t + 1, plain[t], plus[t]));
        }
        String name = "figure-" + number.replace('.', '-');
        AtomicFiles.write(out.resolve(name + ".csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        Chart chart = new Chart("Sutton & Barto Figure " + number + ": " + maze + ", change at step " + change + " ("
                + runs + " runs, seed " + seed + ")", 1, 900, 520);
        chart.panel("cumulative reward (n = 10, α = 1, ε = 0.1; Dyna-Q+ κ = 0.001)", "time steps", "cumulative reward")
                .integerX().line("Dyna-Q", x, plain, COLORS[0]).line("Dyna-Q+", x, plus, COLORS[1])
                .dashed("change", new double[] {change, change}, new double[] {0, Math.max(plain[steps - 1],
                        plus[steps - 1])}, Color.GRAY);
        chart.save(out.resolve(name + ".png"));
        System.out.printf(Locale.ROOT, "cumulative reward at step %d: Dyna-Q %.1f, Dyna-Q+ %.1f; shortest path after the"
                        + " change %d; recovered = %d-step window at >= 0.7 of its best rate; runs=%d wall_s=%.1f%n", steps,
                plain[steps - 1], plus[steps - 1], shortest, window, runs, (System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "dyna_q_recovery=%d dyna_q_plus_recovery=%d%n", plainRecovery, plusRecovery);
    }

    static List<String> figures() {
        return List.of("sutton-barto-8.2", "sutton-barto-8.4", "sutton-barto-8.5");
    }
}
