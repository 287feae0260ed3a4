package dev.foresight.tabular;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.env.StepResult;
import dev.foresight.env.grid.GridMap;
import dev.foresight.env.grid.GridWorld;
import dev.foresight.env.grid.Mazes;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The experiments of Sutton &amp; Barto's chapter 8 as library calls (seeded; run r of an
 * experiment seeded with the r-th draw of a stream seeded by the experiment's seed, the same
 * draw for every setting compared, so that settings differ by their setting alone).
 */
public final class DynaExperiments {
    private DynaExperiments() {
    }

    /**
     * Figure 8.2: steps per episode of Dyna-Q on the Dyna maze, averaged over runs.
     *
     * @param base the settings (α, γ, ε; n and the seed are set here)
     * @param planningSteps the n compared, e.g. {0, 5, 50}
     * @param episodes episodes per run (the book: 50)
     * @param runs runs averaged (the book: 30)
     * @param seed the experiment's seed
     * @return per n, the mean steps of each episode, {@code [ns][episodes]}
     */
    public static double[][] stepsPerEpisode(DynaConfig base, int[] planningSteps, int episodes, int runs, long seed) {
        double[][] mean = new double[planningSteps.length][episodes];
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int r = 0; r < runs; r++) {
            long runSeed = seeds.nextLong();
            for (int k = 0; k < planningSteps.length; k++) {
                try (GridWorld maze = Mazes.create("dyna-maze");
                     DynaAgent agent = new DynaAgent(maze.spec(), base.withPlanningSteps(planningSteps[k]).withSeed(runSeed))) {
                    SplittableRandom episodeSeeds = new SplittableRandom(runSeed);
                    for (int e = 0; e < episodes; e++) {
                        mean[k][e] += EpisodeRunner.run(maze, agent, episodeSeeds.nextLong()).steps() / (double) runs;
                    }
                }
            }
        }
        return mean;
    }

    /**
     * @param steps mean steps per episode
     * @param bound e.g. 20
     * @return the first episode (1-based) from which every later episode's mean is at most
     *         {@code bound}; {@code steps.length + 1} if the last one is above it
     */
    public static int firstEpisodeStayingAtMost(double[] steps, double bound) {
        int first = steps.length + 1;
        for (int e = steps.length - 1; e >= 0 && steps[e] <= bound; e--) {
            first = e + 1;
        }
        return first;
    }

    /**
     * Figures 8.4 and 8.5: cumulative reward against time steps in a changing maze, averaged over
     * runs. The agent plays episodes back to back until {@code steps} steps are made.
     *
     * @param maze "blocking-maze" or "shortcut-maze" (or any built-in maze)
     * @param config the agent's settings (the seed is set per run)
     * @param steps time steps per run (the book: 3,000 and 6,000)
     * @param runs runs averaged
     * @param seed the experiment's seed
     * @return the mean cumulative reward after each step, {@code [steps]}
     */
    public static double[] cumulativeReward(String maze, DynaConfig config, int steps, int runs, long seed) {
        double[] mean = new double[steps];
        SplittableRandom seeds = new SplittableRandom(seed);
        float[] action = new float[1];
        for (int r = 0; r < runs; r++) {
            long runSeed = seeds.nextLong();
            try (GridWorld world = Mazes.create(maze); DynaAgent agent = new DynaAgent(world.spec(), config.withSeed(runSeed))) {
                SplittableRandom episodeSeeds = new SplittableRandom(runSeed);
                float[] obs = world.reset(episodeSeeds.nextLong());
                agent.beginEpisode(obs);
                double total = 0;
                for (int t = 0; t < steps; t++) {
                    agent.act(obs, action);
                    StepResult result = world.step(action);
                    agent.observe(obs, action, result.reward(), result.observation(), result.terminated(), result.truncated());
                    total += result.reward();
                    mean[t] += total / runs;
                    obs = result.observation();
                    if (result.done()) {
                        agent.endEpisode();
                        obs = world.reset(episodeSeeds.nextLong());
                        agent.beginEpisode(obs);
                    }
                }
            }
        }
        return mean;
    }

    /**
     * How long an agent takes to use a changed maze well: the first step after {@code change}
     * (at least a window later) at which the reward collected over the last {@code window} steps
     * reaches {@code share} of what the new shortest path allows ({@code window / length}).
     *
     * @param cumulative mean cumulative reward per step
     * @param change the step of the change
     * @param newShortestPath the shortest path's length after the change (steps)
     * @param window the window (steps)
     * @param share the share of the best rate that counts as recovered, e.g. 0.7
     * @return steps after the change, or −1 if it never recovers within the curve
     */
    public static int recoverySteps(double[] cumulative, int change, int newShortestPath, int window, double share) {
        double target = share * window / newShortestPath;
        for (int t = change + window; t < cumulative.length; t++) {
            if (cumulative[t] - cumulative[t - window] >= target) {
                return t - change;
            }
        }
        return -1;
    }

    /**
     * @param map a layout
     * @return the fewest moves from its start to its goal (breadth-first), or −1 if unreachable
     */
    public static int shortestPath(GridMap map) {
        int[] distance = new int[map.cells()];
        Arrays.fill(distance, -1);
        ArrayDeque<Integer> frontier = new ArrayDeque<>();
        distance[map.start()] = 0;
        frontier.add(map.start());
        while (!frontier.isEmpty()) {
            int cell = frontier.poll();
            if (cell == map.goal()) {
                return distance[cell];
            }
            for (int move = 0; move < 4; move++) {
                int next = map.next(cell, move);
                if (distance[next] < 0) {
                    distance[next] = distance[cell] + 1;
                    frontier.add(next);
                }
            }
        }
        return -1;
    }
}
