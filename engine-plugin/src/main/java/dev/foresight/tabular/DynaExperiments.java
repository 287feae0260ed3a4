package dev.foresight.tabular;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.env.StepResult;
import dev.foresight.env.grid.GridMap;
import dev.foresight.env.grid.GridWorld;
import dev.foresight.env.grid.Mazes;
import dev.foresight.util.RandomStream;
import java.util.ArrayDeque;
import java.util.Arrays;

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
        RandomStream seeds = new RandomStream(seed);
        for (int r = 0; r < runs; r++) {
            long runSeed = seeds.nextLong();
            for (int k = 0; k < planningSteps.length; k++) {
                try (GridWorld maze = Mazes.create("dyna-maze");
                     DynaAgent agent = new DynaAgent(maze.spec(), base.withPlanningSteps(planningSteps[k]).withSeed(runSeed))) {
                    RandomStream episodeSeeds = new RandomStream(runSeed);
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
        RandomStream seeds = new RandomStream(seed);
        float[] action = new float[1];
        for (int r = 0; r < runs; r++) {
            long runSeed = seeds.nextLong();
            try (GridWorld world = Mazes.create(maze); DynaAgent agent = new DynaAgent(world.spec(), config.withSeed(runSeed))) {
                RandomStream episodeSeeds = new RandomStream(runSeed);
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

    /**
     * Example 8.4's measure: real steps plus planning updates an agent makes until its greedy
     * policy (ties to the lowest action) walks from start to goal within {@code tolerance} times the
     * shortest path, checked after every episode.
     *
     * @param map the maze (e.g. {@link GridMap#scaled} of the Dyna maze)
     * @param config the agent (n, θ, …; the seed is set here)
     * @param tolerance e.g. 1.2
     * @param maxEpisodes the most episodes tried
     * @param seed the run's seed
     * @return updates made until then, or −1 if not within {@code maxEpisodes}
     */
    public static long updatesUntilOptimal(GridMap map, DynaConfig config, double tolerance, int maxEpisodes, long seed) {
        int limit = (int) Math.ceil(tolerance * shortestPath(map));
        try (GridWorld world = new GridWorld(map.name(), map, java.util.List.of(), 0f, Mazes.MAX_EPISODE_STEPS);
             DynaAgent agent = new DynaAgent(world.spec(), config.withSeed(seed))) {
            RandomStream episodeSeeds = new RandomStream(seed);
            long realSteps = 0;
            for (int e = 0; e < maxEpisodes; e++) {
                realSteps += EpisodeRunner.run(world, agent, episodeSeeds.nextLong()).steps();
                if (greedyReaches(map, agent.q(), limit)) {
                    return realSteps + agent.planningUpdates();
                }
            }
            return -1;
        }
    }

    private static boolean greedyReaches(GridMap map, QTable q, int limit) {
        int cell = map.start();
        for (int t = 0; t < limit; t++) {
            cell = map.next(cell, q.firstGreedy(cell));
            if (cell == map.goal()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Section 8.5's comparison on a learned distribution model: from Q = 0, planning updates on
     * uniformly drawn observed pairs — expected updates ({@link CountModel#expectedTarget}, costing
     * one computation per outcome) or sample updates (one drawn outcome with step size α, costing
     * one) — and the RMS error of {@code max_a Q} over the observed states
     * against the model's own optimal values (value iteration), after every {@code every}
     * computations.
     *
     * @param model the count model (e.g. from random steps in {@code dyna-maze-slip})
     * @param expected expected updates if true, else sample updates
     * @param alpha the sample updates' step size
     * @param gamma the discount
     * @param computations the budget
     * @param every how often the error is recorded
     * @param seed the draws' seed
     * @return the RMS errors, {@code [computations / every]}
     */
    public static double[] planningError(CountModel model, boolean expected, float alpha, float gamma, long computations,
                                         long every, long seed) {
        int states = model.states();
        int actions = model.actions();
        int[] pairs = triedPairs(model);
        float[] reference = optimalValues(model, gamma);
        QTable q = new QTable(states, actions);
        RandomStream random = new RandomStream(seed);
        CountModel.Outcome outcome = new CountModel.Outcome();
        double[] errors = new double[(int) (computations / every)];
        long spent = 0;
        int recorded = 0;
        while (recorded < errors.length) {
            int pair = pairs[random.nextInt(pairs.length)];
            int s = pair / actions;
            int a = pair % actions;
            if (expected) {
                q.set(s, a, model.expectedTarget(s, a, q, gamma));
                spent += model.outcomes(s, a);
            } else {
                model.sample(s, a, random, outcome);
                q.update(s, a, outcome.reward, outcome.next, outcome.terminal, alpha, gamma);
                spent++;
            }
            while (recorded < errors.length && spent >= (recorded + 1) * every) {
                errors[recorded++] = rmsError(model, q, reference);
            }
        }
        return errors;
    }

    /**
     * Fills a count model from uniformly random steps (episodes restart at the goal).
     *
     * @param maze a built-in maze name
     * @param steps real steps
     * @param seed the walk's seed
     * @return the model
     */
    public static CountModel randomWalkModel(String maze, int steps, long seed) {
        try (GridWorld world = Mazes.create(maze)) {
            CountModel model = new CountModel(world.map().cells(), GridWorld.MOVES.length);
            RandomStream random = new RandomStream(seed);
            float[] obs = world.reset(random.nextLong());
            float[] action = new float[1];
            for (int t = 0; t < steps; t++) {
                action[0] = random.nextInt(GridWorld.MOVES.length);
                StepResult result = world.step(action);
                model.update((int) obs[0], (int) action[0], result.reward(), (int) result.observation()[0],
                        result.terminated());
                obs = result.done() ? world.reset(random.nextLong()) : result.observation();
            }
            return model;
        }
    }

    private static int[] triedPairs(CountModel model) {
        int n = 0;
        int[] pairs = new int[model.states() * model.actions()];
        for (int s = 0; s < model.states(); s++) {
            for (int a = 0; a < model.actions(); a++) {
                if (model.count(s, a) > 0) {
                    pairs[n++] = s * model.actions() + a;
                }
            }
        }
        return Arrays.copyOf(pairs, n);
    }

    /** Value iteration on the model to convergence (1e-7): {@code max_a Q*(s, a)} per state. */
    private static float[] optimalValues(CountModel model, float gamma) {
        QTable q = new QTable(model.states(), model.actions());
        int[] pairs = triedPairs(model);
        double change;
        do {
            change = 0;
            for (int pair : pairs) {
                int s = pair / model.actions();
                int a = pair % model.actions();
                float target = model.expectedTarget(s, a, q, gamma);
                change = Math.max(change, Math.abs(target - q.get(s, a)));
                q.set(s, a, target);
            }
        } while (change > 1e-7);
        float[] values = new float[model.states()];
        for (int s = 0; s < values.length; s++) {
            values[s] = q.max(s);
        }
        return values;
    }

    private static double rmsError(CountModel model, QTable q, float[] reference) {
        double sum = 0;
        int n = 0;
        for (int s = 0; s < model.states(); s++) {
            boolean observed = false;
            for (int a = 0; a < model.actions() && !observed; a++) {
                observed = model.count(s, a) > 0;
            }
            if (observed) {
                double d = q.max(s) - reference[s];
                sum += d * d;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }
}
