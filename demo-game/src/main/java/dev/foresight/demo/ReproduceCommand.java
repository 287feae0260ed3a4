package dev.foresight.demo;

import dev.foresight.demo.plot.Chart;
import dev.foresight.env.grid.GridMap;
import dev.foresight.env.grid.GridWorld;
import dev.foresight.env.grid.Mazes;
import dev.foresight.io.AtomicFiles;
import dev.foresight.tabular.CountModel;
import dev.foresight.tabular.DynaConfig;
import dev.foresight.tabular.DynaExperiments;
import dev.foresight.util.RandomStream;
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
                "  sutton-barto-8.5  Dyna-Q vs Dyna-Q+ on the shortcut maze (same last line)",
                "  sutton-barto-example-8.4  prioritized sweeping vs Dyna-Q: updates until the greedy path is within",
                "                    1.2x the shortest, on the Dyna maze scaled 1x..5x (last line: the ratio at each scale)",
                "  expected-vs-sample  section 8.5 on a count model of the slippery maze: RMS value error against",
                "                    computations for expected and sample updates (last line: computations to RMS <= 0.01)"})
final class ReproduceCommand implements Runnable {
    /** The step size of sample updates in the expected-vs-sample figure (Dyna's α; 0.05, 0.2 and 0.5 end worse). */
    private static final float SAMPLE_STEP = 0.1f;
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
                case "sutton-barto-example-8.4" -> sweepingScaling();
                case "expected-vs-sample" -> expectedVsSample();
                default -> throw new IllegalArgumentException("unknown figure '" + figure
                        + "'; known: " + String.join(", ", figures()));
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

    /**
     * Example 8.4 (after Peng &amp; Williams 1993): Dyna-Q vs prioritized sweeping, n = 5, α = 0.5,
     * ε = 0.1, γ = 0.95, θ = 1e-4, on the Dyna maze at 1×–5× resolution; median over runs.
     */
    private void sweepingScaling() throws IOException {
        DynaConfig dynaQ = new DynaConfig(0.5f, 0.95f, 0.1f, 5, 0f, false, 0f, false, false, seed);
        DynaConfig sweeping = new DynaConfig(0.5f, 0.95f, 0.1f, 5, 0f, true, 1e-4f, false, false, seed);
        int scales = 5;
        double[] states = new double[scales];
        double[] plain = new double[scales];
        double[] swept = new double[scales];
        StringBuilder csv = new StringBuilder("scale,states,dyna_q_updates,prioritized_sweeping_updates\n");
        StringBuilder last = new StringBuilder();
        long start = System.nanoTime();
        for (int k = 1; k <= scales; k++) {
            GridMap map = Mazes.dynaMaze().scaled(k);
            RandomStream seeds = new RandomStream(seed);
            List<Double> a = new java.util.ArrayList<>();
            List<Double> b = new java.util.ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long runSeed = seeds.nextLong();
                a.add((double) DynaExperiments.updatesUntilOptimal(map, dynaQ, 1.2, 2000, runSeed));
                b.add((double) DynaExperiments.updatesUntilOptimal(map, sweeping, 1.2, 2000, runSeed));
            }
            states[k - 1] = map.freeCells();
            plain[k - 1] = dev.foresight.util.Medians.of(a);
            swept[k - 1] = dev.foresight.util.Medians.of(b);
            csv.append(String.format(Locale.ROOT, "%d,%d,%.0f,%.0f%n", k, map.freeCells(), plain[k - 1], swept[k - 1]));
            System.out.printf(Locale.ROOT, "scale %d (%d states): Dyna-Q %.0f updates, prioritized sweeping %.0f (median of"
                    + " %d runs)%n", k, map.freeCells(), plain[k - 1], swept[k - 1], runs);
            last.append(String.format(Locale.ROOT, "%sratio_%d=%.2f", k == 1 ? "" : " ", k, plain[k - 1] / swept[k - 1]));
        }
        AtomicFiles.write(out.resolve("example-8-4.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        Chart chart = new Chart("Sutton & Barto Example 8.4: prioritized sweeping vs Dyna-Q (median of " + runs
                + " runs, seed " + seed + ")", 1, 900, 520);
        chart.panel("updates (real + planning) until the greedy path is within 1.2x the shortest; n = 5, α = 0.5",
                "states in the maze", "updates").line("Dyna-Q", states, plain, COLORS[0])
                .line("prioritized sweeping", states, swept, COLORS[1]);
        chart.save(out.resolve("example-8-4.png"));
        System.out.printf(Locale.ROOT, "wall_s=%.1f%n", (System.nanoTime() - start) / 1e9);
        System.out.println(last);
    }

    /** Section 8.5 on the slippery maze: expected vs sample updates on a count model of 20,000 random steps. */
    private void expectedVsSample() throws IOException {
        CountModel model = DynaExperiments.randomWalkModel("dyna-maze-slip", 20_000, seed);
        long budget = 60_000;
        long every = 500;
        double[] expected = new double[(int) (budget / every)];
        double[] sampled = new double[expected.length];
        RandomStream seeds = new RandomStream(seed);
        for (int r = 0; r < runs; r++) {
            long runSeed = seeds.nextLong();
            double[] e = DynaExperiments.planningError(model, true, 1f, 0.95f, budget, every, runSeed);
            double[] s = DynaExperiments.planningError(model, false, SAMPLE_STEP, 0.95f, budget, every, runSeed);
            for (int i = 0; i < expected.length; i++) {
                expected[i] += e[i] / runs;
                sampled[i] += s[i] / runs;
            }
        }
        double[] x = new double[expected.length];
        StringBuilder csv = new StringBuilder("computations,expected_rms,sample_rms\n");
        for (int i = 0; i < x.length; i++) {
            x[i] = (i + 1) * every;
            csv.append(String.format(Locale.ROOT, "%d,%.5f,%.5f%n", (i + 1) * every, expected[i], sampled[i]));
        }
        AtomicFiles.write(out.resolve("expected-vs-sample.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        Chart chart = new Chart("Expected vs sample updates on the slippery Dyna maze (count model of 20,000 random steps,"
                + " " + runs + " runs)", 1, 900, 520);
        chart.panel("RMS error of max_a Q against the model's optimal values; an expected update costs one computation per"
                + " outcome", "computations", "RMS error").integerX().line("expected updates", x, expected, COLORS[0])
                .line("sample updates (α = " + SAMPLE_STEP + ")", x, sampled, COLORS[1]);
        chart.save(out.resolve("expected-vs-sample.png"));
        System.out.printf(Locale.ROOT, "expected_rms_at_end=%.4f sample_rms_at_end=%.4f expected_to_0.01=%d"
                        + " sample_to_0.01=%d%n", expected[expected.length - 1], sampled[sampled.length - 1],
                firstBelow(expected, 0.01, every), firstBelow(sampled, 0.01, every));
    }

    private static long firstBelow(double[] errors, double bound, long every) {
        for (int i = 0; i < errors.length; i++) {
            if (errors[i] <= bound) {
                return (i + 1) * every;
            }
        }
        return -1;
    }

    static List<String> figures() {
        return List.of("sutton-barto-8.2", "sutton-barto-8.4", "sutton-barto-8.5", "sutton-barto-example-8.4",
                "expected-vs-sample");
    }
}
