package dev.foresight.env.grid;

import dev.foresight.env.DiscreteSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.Environment;
import dev.foresight.env.RewardFunction;
import dev.foresight.env.StepResult;
import dev.foresight.env.TerminationFunction;
import dev.foresight.util.RandomStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A grid world (Sutton &amp; Barto, 2nd ed., chapter 8): the agent moves up, down, right or left
 * (actions 0–3 of a {@link DiscreteSpace}); a move into a wall or off the grid leaves it in place;
 * entering the goal gives reward +1 and ends the episode, every other step gives 0. The
 * observation is the cell index ({@code row · cols + col}) as one float. With a slip probability
 * p a move goes to one of the two perpendicular directions instead (p/2 each), drawn from the
 * stream seeded by {@link #reset(long)}.
 *
 * <p>The layout can change during a run: a {@link Change} takes effect once the world has made
 * {@code atStep} steps in total, counted over all episodes since it was created (Examples 8.2 and
 * 8.3: a wall that moves). Changes may move walls only — start and goal stay.
 *
 * <p>Threading: not thread-safe; one per thread. Nothing native: {@link #close()} does nothing.
 */
public final class GridWorld implements Environment {
    /** The moves, in action order. */
    public static final String[] MOVES = {"up", "down", "right", "left"};

    /**
     * A layout change.
     *
     * @param atStep the total step count from which {@code map} applies (&ge;0)
     * @param map the new layout (same size, start and goal)
     */
    public record Change(long atStep, GridMap map) {
        public Change {
            Objects.requireNonNull(map, "map");
            if (atStep < 0) {
                throw new IllegalArgumentException("a change needs atStep >= 0, got " + atStep);
            }
        }
    }

    private final GridMap initial;
    private final List<Change> schedule;
    private final float slip;
    private final EnvSpec spec;
    private final DiscreteSpace moves;
    private GridMap map;
    private int nextChange;
    private RandomStream random = new RandomStream(0);
    private int cell;
    private int steps;
    private long totalSteps;

    /**
     * @param name the environment's name
     * @param initial the layout at the start (not null)
     * @param schedule layout changes (not null; may be empty)
     * @param slip the probability that a move goes sideways, in [0, 1)
     * @param maxEpisodeSteps steps after which an episode is truncated (&ge;1)
     * @throws IllegalArgumentException if a change alters the size, start or goal, or slip is out of range
     */
    public GridWorld(String name, GridMap initial, List<Change> schedule, float slip, int maxEpisodeSteps) {
        Objects.requireNonNull(initial, "initial");
        if (!(slip >= 0 && slip < 1)) {
            throw new IllegalArgumentException("slip must be in [0, 1), got " + slip);
        }
        List<Change> sorted = new ArrayList<>(schedule);
        sorted.sort(Comparator.comparingLong(Change::atStep));
        for (Change change : sorted) {
            requireWallsOnly(name, initial, change.map(), "the map at step " + change.atStep());
        }
        this.initial = initial;
        this.schedule = List.copyOf(sorted);
        this.slip = slip;
        this.map = initial;
        this.moves = new DiscreteSpace("move", MOVES);
        String[] cells = new String[initial.cells()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = "r" + (i / initial.cols()) + "c" + (i % initial.cols());
        }
        int goal = initial.goal();
        RewardFunction reward = (obs, action, next, batch, rewards) -> {
            for (int i = 0; i < batch; i++) {
                rewards[i] = next[i] == goal ? 1f : 0f;
            }
        };
        TerminationFunction termination = (obs, action, next, batch, terminated) -> {
            for (int i = 0; i < batch; i++) {
                terminated[i] = next[i] == goal;
            }
        };
        this.spec = new EnvSpec(name, new DiscreteSpace("cell", cells), moves, maxEpisodeSteps, 1f, reward, termination);
        this.cell = initial.start();
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the layout in force now */
    public GridMap map() {
        return map;
    }

    /** @return the slip probability */
    public float slip() {
        return slip;
    }

    /** @return the agent's cell */
    public int cell() {
        return cell;
    }

    /** @return steps made since creation, over all episodes (what the schedule counts) */
    public long totalSteps() {
        return totalSteps;
    }

    @Override
    public float[] reset(long seed) {
        random = new RandomStream(seed);
        return reset();
    }

    @Override
    public float[] reset() {
        cell = map.start();
        steps = 0;
        return new float[] {cell};
    }

    @Override
    public StepResult step(float[] action) {
        if (action.length != 1) {
            throw new IllegalArgumentException(spec.name() + " takes one action value (a move 0–3), got " + action.length);
        }
        int move = moves.index(spec.name() + " action", action[0]);
        while (nextChange < schedule.size() && schedule.get(nextChange).atStep() <= totalSteps) {
            map = schedule.get(nextChange++).map();
        }
        if (slip > 0 && random.nextDouble() < slip) {
            boolean vertical = move < 2;
            int side = random.nextInt(2);
            move = vertical ? 2 + side : side;
        }
        cell = map.next(cell, move);
        steps++;
        totalSteps++;
        boolean terminated = cell == map.goal();
        boolean truncated = !terminated && steps >= spec.maxEpisodeSteps();
        return new StepResult(new float[] {cell}, terminated ? 1f : 0f, terminated, truncated, false);
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }

    /** @return the layout this world started with */
    public GridMap initialMap() {
        return initial;
    }

    /** @return the scheduled layout changes, in step order (the ones already applied included) */
    public List<Change> schedule() {
        return schedule;
    }

    /**
     * Changes the layout now, outside the schedule (a player moving a wall in a game); scheduled
     * changes still apply when their step comes. The agent stays in its cell, as with a scheduled
     * change.
     *
     * @param layout the new layout (same size, start and goal)
     * @throws IllegalArgumentException if it differs in size, start or goal
     */
    public void changeLayout(GridMap layout) {
        requireWallsOnly(spec.name(), initial, layout, "map '" + layout.name() + "'");
        map = layout;
    }

    private static void requireWallsOnly(String name, GridMap initial, GridMap layout, String which) {
        if (layout.rows() != initial.rows() || layout.cols() != initial.cols() || layout.start() != initial.start()
                || layout.goal() != initial.goal()) {
            throw new IllegalArgumentException("a layout change of '" + name + "' may move walls only: " + which
                    + " differs in size, start or goal");
        }
    }
}
