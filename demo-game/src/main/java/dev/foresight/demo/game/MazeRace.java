package dev.foresight.demo.game;

import dev.foresight.env.StepResult;
import dev.foresight.env.grid.GridMap;
import dev.foresight.env.grid.GridWorld;
import dev.foresight.env.grid.Mazes;
import dev.foresight.tabular.DynaAgent;
import dev.foresight.tabular.DynaConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The maze level's race: Dyna agents with different planning settings (Sutton &amp; Barto's
 * Figure 8.2 — Q-learning, Dyna-Q with 5 and 50 planning steps — and Dyna-Q+), each in its own
 * copy of the same maze, one real step each per {@link #step()}, episode after episode. The
 * player's wall key ({@link #nextLayout()}) changes every copy at once to the maze's next layout
 * (the blocking maze's gap moves, the shortcut maze's shortcut opens), which is when Dyna-Q+'s
 * exploration bonus pays off.
 *
 * <p>Deterministic: for a seed, each agent's steps per episode depend only on the steps it has
 * made and when the layout changed, not on the frame rate. Threading: one thread (the render thread).
 */
public final class MazeRace {
    /** The mazes the level offers, in the order its maze key cycles through them. */
    public static final List<String> MAZES = List.of("dyna-maze", "blocking-maze", "shortcut-maze");
    /** Planning updates each agent keeps for the view's flashes. */
    static final int TRACE = 256;

    /**
     * One agent and its copy of the maze.
     */
    public static final class Lane {
        private final String title;
        private final GridWorld world;
        private final DynaAgent agent;
        private final long seed;
        private final float[] action = new float[1];
        private final ArrayDeque<Integer> unreported = new ArrayDeque<>();
        private float[] obs;
        private boolean needsReset = true;
        private int steps;
        private int episodes;
        private int lastEpisodeSteps;
        private long shownUpdates;

        Lane(String title, GridWorld world, DynaConfig config, long seed) {
            this.title = title;
            this.world = world;
            this.agent = new DynaAgent(world.spec(), config);
            this.seed = seed;
            agent.tracePlanning(TRACE);
        }

        /**
         * One real step (starting an episode first if the last one ended), with the agent's
         * planning updates.
         *
         * @return whether the step ended an episode
         */
        public boolean step() {
            if (needsReset) {
                obs = world.reset(seed * 1_000_003L + episodes);
                agent.beginEpisode(obs);
                steps = 0;
                needsReset = false;
            }
            agent.act(obs, action);
            StepResult result = world.step(action);
            agent.observe(obs, action, result.reward(), result.observation(), result.terminated(), result.truncated());
            obs = result.observation();
            steps++;
            if (result.done()) {
                agent.endEpisode();
                episodes++;
                lastEpisodeSteps = steps;
                unreported.add(steps);
                needsReset = true;
                return true;
            }
            return false;
        }

        /** @return e.g. "Dyna-Q n=50" */
        public String title() {
            return title;
        }

        /** @return the agent (its values are what the view tints) */
        public DynaAgent agent() {
            return agent;
        }

        /** @return the agent's copy of the maze */
        public GridWorld world() {
            return world;
        }

        /** @return the agent's cell (the start before its first step) */
        public int cell() {
            return world.cell();
        }

        /** @return episodes finished */
        public int episodes() {
            return episodes;
        }

        /** @return steps of the last finished episode (0 before the first) */
        public int lastEpisodeSteps() {
            return lastEpisodeSteps;
        }

        /** @return steps so far in the episode under way */
        public int stepsThisEpisode() {
            return needsReset ? 0 : steps;
        }

        /**
         * @param out receives the cells updated by planning since the last call, newest first (at
         *            most {@code out.length})
         * @return how many were written
         */
        public int plannedSinceLastCall(int[] out) {
            long updates = agent.planningUpdates();
            long fresh = updates - shownUpdates;
            shownUpdates = updates;
            return (int) Math.min(fresh, agent.recentlyPlanned(out));
        }
    }

    private final String maze;
    private final List<GridMap> layouts = new ArrayList<>();
    private final List<Lane> lanes = new ArrayList<>();
    private int rowsReported;

    /**
     * A race of the four default agents: Q-learning (n = 0), Dyna-Q with n = 5 and n = 50, and
     * Dyna-Q+ with n = 50 (κ = 0.001); Figure 8.2's α 0.1, γ 0.95, ε 0.1. The walls move only when
     * {@link #nextLayout()} is called.
     *
     * @param maze one of {@link #MAZES}
     * @param seed seeds every agent (each its own stream) and every episode
     * @throws IllegalArgumentException naming the mazes if {@code maze} is not one of them
     */
    public MazeRace(String maze, long seed) {
        this(maze, seed, 0);
    }

    /**
     * A race whose walls also move by themselves once, as in the book's Examples 8.2 and 8.3: to the
     * maze's second layout when each agent has made {@code wallAfter} real steps.
     *
     * @param maze one of {@link #MAZES}
     * @param seed seeds every agent (each its own stream) and every episode
     * @param wallAfter real steps per agent before the walls move (0: never by themselves)
     * @throws IllegalArgumentException naming the mazes if {@code maze} is not one of them, or if
     *         {@code wallAfter} is negative or set for a maze whose walls do not move
     */
    public MazeRace(String maze, long seed, long wallAfter) {
        requireValid(maze, wallAfter);
        this.maze = maze;
        GridWorld template = Mazes.create(maze);
        layouts.add(template.initialMap());
        template.schedule().forEach(change -> layouts.add(change.map()));
        // The player moves the walls here, so the copies follow the book's schedule only if asked.
        List<GridWorld.Change> schedule = wallAfter > 0 ? List.of(new GridWorld.Change(wallAfter, layouts.get(1))) : List.of();
        String[] titles = {"Q-learning (n=0)", "Dyna-Q n=5", "Dyna-Q n=50", "Dyna-Q+ n=50"};
        DynaConfig[] configs = {DynaConfig.dynaQ(0, 0), DynaConfig.dynaQ(5, 0), DynaConfig.dynaQ(50, 0),
                DynaConfig.dynaQPlus(50, 0)};
        for (int i = 0; i < titles.length; i++) {
            GridWorld world = new GridWorld(maze, template.initialMap(), schedule, template.slip(), Mazes.MAX_EPISODE_STEPS);
            lanes.add(new Lane(titles[i], world, configs[i].withSeed(seed * 31 + i), seed));
        }
    }

    /**
     * @param maze a maze name
     * @param wallAfter real steps before the walls move by themselves (0: never)
     * @throws IllegalArgumentException naming the mazes if {@code maze} is not one of them, or if
     *         {@code wallAfter} is negative or set for a maze whose walls do not move
     */
    static void requireValid(String maze, long wallAfter) {
        if (!MAZES.contains(maze)) {
            throw new IllegalArgumentException("unknown maze '" + maze + "' for the maze level; choose one of "
                    + String.join(", ", MAZES));
        }
        if (wallAfter < 0 || (wallAfter > 0 && Mazes.create(maze).schedule().isEmpty())) {
            throw new IllegalArgumentException(wallAfter < 0 ? "--wall-after must be >= 0 steps, got " + wallAfter
                    : "the walls of " + maze + " do not move; --wall-after needs blocking-maze or shortcut-maze");
        }
    }

    /** @return the maze's name */
    public String maze() {
        return maze;
    }

    /** @return the lanes, in the order Q-learning, Dyna-Q n=5, Dyna-Q n=50, Dyna-Q+ n=50 */
    public List<Lane> lanes() {
        return List.copyOf(lanes);
    }

    /** @return the layout in force (in the first agent's copy; all copies agree when they step together) */
    public GridMap layout() {
        return lanes.get(0).world().map();
    }

    /** @return the index of the layout in force (0: the maze's first) */
    public int layoutIndex() {
        return layouts.indexOf(layout());
    }

    /** @return how many layouts the maze has (1: its walls never move) */
    public int layoutCount() {
        return layouts.size();
    }

    /** One real step in every lane. */
    public void step() {
        for (Lane lane : lanes) {
            lane.step();
        }
    }

    /**
     * Steps every lane that has finished fewer than {@code episodes} episodes until all have (the
     * headless race).
     *
     * @param episodes episodes per lane (&ge;1)
     */
    public void runEpisodes(int episodes) {
        for (Lane lane : lanes) {
            while (lane.episodes() < episodes) {
                lane.step();
            }
        }
    }

    /**
     * Moves the walls of every copy to the maze's next layout (cycling back to the first).
     *
     * @return false if the maze has a single layout (nothing changes)
     */
    public boolean nextLayout() {
        if (layouts.size() < 2) {
            return false;
        }
        GridMap next = layouts.get((layoutIndex() + 1) % layouts.size());
        for (Lane lane : lanes) {
            lane.world().changeLayout(next);
        }
        return true;
    }

    /**
     * @return one line per episode that every lane has now finished and that was not reported yet,
     *         e.g. {@code "dyna-maze episode 2 steps: Q-learning (n=0) 412, Dyna-Q n=5 96, ..."}
     */
    public List<String> completedEpisodes() {
        List<String> rows = new ArrayList<>();
        while (lanes.stream().allMatch(lane -> !lane.unreported.isEmpty())) {
            rowsReported++;
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%s episode %d steps:", maze, rowsReported));
            for (int i = 0; i < lanes.size(); i++) {
                Lane lane = lanes.get(i);
                row.append(i == 0 ? " " : ", ").append(lane.title()).append(' ').append(lane.unreported.poll());
            }
            rows.add(row.toString());
        }
        return rows;
    }
}
