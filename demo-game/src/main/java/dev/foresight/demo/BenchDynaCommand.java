package dev.foresight.demo;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.env.grid.GridWorld;
import dev.foresight.env.grid.Mazes;
import dev.foresight.tabular.DynaAgent;
import dev.foresight.tabular.DynaConfig;
import dev.foresight.util.Medians;
import dev.foresight.util.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Tabular planning throughput on the Dyna maze: planning updates per second of Dyna-Q, Dyna-Q+
 * and prioritized sweeping (one thread), beside a plain array loop doing the same memory work
 * (draw a pair, read its model entry, max over the next state's values, update) measured in the
 * same run. Medians of timed windows.
 */
@Command(name = "bench-dyna", mixinStandardHelpOptions = true,
        description = {"Benchmark tabular planning updates per second (Dyna-Q, Dyna-Q+, prioritized sweeping) against a",
                "plain array loop doing the same work. Last line: dyna_q_updates_per_s=X dyna_q_plus_updates_per_s=Y",
                "prioritized_sweeping_updates_per_s=Z array_loop_updates_per_s=W"})
final class BenchDynaCommand implements Runnable {
    @Option(names = "--updates", defaultValue = "2000000", description = "Updates per timed window (default: ${DEFAULT-VALUE}).")
    int updates;

    @Option(names = "--repeats", defaultValue = "7", description = "Timed windows (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public void run() {
        double dynaQ = uniform(DynaConfig.dynaQ(5, 1));
        double dynaQPlus = uniform(DynaConfig.dynaQPlus(5, 1));
        double sweeping = sweeping();
        double bound = arrayLoop();
        System.out.printf(Locale.ROOT, "dyna_q_updates_per_s=%.0f dyna_q_plus_updates_per_s=%.0f"
                + " prioritized_sweeping_updates_per_s=%.0f array_loop_updates_per_s=%.0f%n", dynaQ, dynaQPlus, sweeping,
                bound);
    }

    /** Uniform planning updates on a model filled by 20 episodes. */
    private double uniform(DynaConfig config) {
        try (GridWorld maze = Mazes.create("dyna-maze"); DynaAgent agent = new DynaAgent(maze.spec(), config)) {
            for (int e = 0; e < 20; e++) {
                EpisodeRunner.run(maze, agent, e);
            }
            agent.plan(updates); // warm-up
            List<Double> rates = new ArrayList<>();
            for (int k = 0; k < repeats; k++) {
                long start = System.nanoTime();
                long done = agent.plan(updates);
                rates.add(done / ((System.nanoTime() - start) / 1e9));
            }
            return Medians.of(rates);
        }
    }

    /** Prioritized sweeping with a large n: its planning updates over the wall time of whole episodes. */
    private double sweeping() {
        List<Double> rates = new ArrayList<>();
        for (int k = 0; k < repeats; k++) {
            try (GridWorld maze = Mazes.create("dyna-maze");
                 DynaAgent agent = new DynaAgent(maze.spec(), DynaConfig.prioritizedSweeping(100_000, 1).withSeed(k))) {
                long start = System.nanoTime();
                for (int e = 0; e < 10; e++) {
                    EpisodeRunner.run(maze, agent, e);
                }
                rates.add(agent.planningUpdates() / ((System.nanoTime() - start) / 1e9));
            }
        }
        return Medians.of(rates);
    }

    /** The same memory work without the agent: the bound a table update can reach on this machine. */
    private double arrayLoop() {
        int states = 54;
        int actions = 4;
        RandomStream random = new RandomStream(1);
        int[] pairs = new int[states * actions];
        int[] next = new int[states * actions];
        float[] reward = new float[states * actions];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = i;
            next[i] = random.nextInt(states);
            reward[i] = random.nextInt(50) == 0 ? 1f : 0f;
        }
        float[] q = new float[states * actions];
        List<Double> rates = new ArrayList<>();
        float sink = 0;
        for (int k = 0; k <= repeats; k++) {
            long start = System.nanoTime();
            for (int i = 0; i < updates; i++) {
                int pair = pairs[random.nextInt(pairs.length)];
                int s2 = next[pair] * actions;
                float best = Math.max(Math.max(q[s2], q[s2 + 1]), Math.max(q[s2 + 2], q[s2 + 3]));
                q[pair] += 0.1f * (reward[pair] + 0.95f * best - q[pair]);
            }
            if (k > 0) { // the first window warms up
                rates.add(updates / ((System.nanoTime() - start) / 1e9));
            }
            sink += q[0];
        }
        if (sink == 42f) {
            System.out.print("");
        }
        return Medians.of(rates);
    }
}
