package dev.foresight.muzero;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.util.RandomStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * MuZero's replay buffer: finished {@link Game}s, the oldest dropped once more than
 * {@code capacity} steps are kept, and positions drawn uniformly over every kept step.
 *
 * <p>Threading: one thread.
 */
public final class GameReplay {
    private final int capacity;
    private final Deque<Game> games = new ArrayDeque<>();
    private int steps;
    private List<Game> index;
    private int[] starts;

    /** @param capacity steps kept (&ge;1) */
    public GameReplay(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay capacity must be >= 1 step, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** @param game a finished game with at least one step (not kept otherwise) */
    public void add(Game game) {
        if (game.length() == 0) {
            return;
        }
        games.addLast(game);
        steps += game.length();
        while (steps - games.peekFirst().length() >= capacity && games.size() > 1) {
            steps -= games.removeFirst().length();
        }
        index = null;
    }

    /** Writes every kept game into {@code out}, oldest first. */
    public void saveState(Checkpoint out) {
        out.putLong("games", games.size());
        int i = 0;
        for (Game game : games) {
            game.saveState(out.scope("game" + i++));
        }
    }

    /**
     * Replaces the kept games by those in {@code in}.
     *
     * @param in what {@link #saveState} wrote (not null)
     * @param obsDim floats per observation
     * @param actions number of actions
     */
    public void restoreState(Checkpoint in, int obsDim, int actions) {
        long count = in.getLong("games");
        if (count < 0 || count > 10_000_000) {
            throw new dev.foresight.checkpoint.CheckpointException("a replay of " + count + " games is impossible: the"
                    + " checkpoint is damaged");
        }
        List<Game> restored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            restored.add(Game.restore(in.scope("game" + i), obsDim, actions));
        }
        games.clear();
        steps = 0;
        index = null;
        for (Game game : restored) {
            games.addLast(game);
            steps += game.length();
        }
    }

    /**
     * Removes a game added before (nothing if it is no longer kept).
     *
     * @param game the game
     */
    public void remove(Game game) {
        if (games.removeIf(g -> g == game)) {
            steps -= game.length();
            index = null;
        }
    }

    /** @return steps kept */
    public int steps() {
        return steps;
    }

    /** @return games kept */
    public int games() {
        return games.size();
    }

    /**
     * Draws {@code batch.size()} positions uniformly over every kept step and sets the batch's rows.
     *
     * @param batch the batch (modified)
     * @param random the sampling stream (not null)
     * @throws IllegalStateException if nothing is kept
     */
    public void sample(UnrollBatch batch, RandomStream random) {
        if (steps == 0) {
            throw new IllegalStateException("the replay is empty: play an episode first");
        }
        if (index == null) {
            index = new ArrayList<>(games);
            starts = new int[index.size()];
            int s = 0;
            for (int i = 0; i < starts.length; i++) {
                starts[i] = s;
                s += index.get(i).length();
            }
        }
        for (int b = 0; b < batch.size(); b++) {
            int position = random.nextInt(steps);
            int g = java.util.Arrays.binarySearch(starts, position);
            if (g < 0) {
                g = -g - 2;
            }
            batch.setRow(b, index.get(g), position - starts[g], random);
        }
    }
}
