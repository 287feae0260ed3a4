package dev.foresight.muzero;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.CheckpointException;
import java.util.Arrays;

/**
 * One real episode as MuZero's replay keeps it: the encoded observations {@code o_0 … o_T}, the
 * actions {@code a_0 … a_{T−1}}, the rewards {@code r_0 … r_{T−1}} ({@code r_t} follows
 * {@code a_t}), the search's visit distribution {@code π_t} at each step (the policy target) and
 * its root value. Built step by step while acting ({@link #add}), then {@link #finish finished}.
 *
 * <p>Threading: one thread.
 */
public final class Game {
    private final int obsDim;
    private final int actions;
    private float[] obs;
    private int[] actionIndices;
    private float[] rewards;
    private float[] policies;
    private float[] rootValues;
    private int length;
    private boolean finished;
    private boolean terminated;

    /**
     * @param obsDim floats per encoded observation
     * @param actions number of actions
     * @param firstObs {@code o_0}, {@code [obsDim]} (unaffected)
     */
    public Game(int obsDim, int actions, float[] firstObs) {
        this.obsDim = obsDim;
        this.actions = actions;
        this.obs = Arrays.copyOf(firstObs, 65 * obsDim);
        this.actionIndices = new int[64];
        this.rewards = new float[64];
        this.policies = new float[64 * actions];
        this.rootValues = new float[64];
    }

    /**
     * Records step {@code t = length()}.
     *
     * @param action {@code a_t}
     * @param policy {@code π_t}, {@code [actions]}, summing to 1 (unaffected)
     * @param rootValue the search's value of {@code o_t}
     * @param reward {@code r_t}
     * @param nextObs {@code o_{t+1}}, {@code [obsDim]} (unaffected)
     */
    public void add(int action, float[] policy, float rootValue, float reward, float[] nextObs) {
        if (finished) {
            throw new IllegalStateException("the game is finished");
        }
        if (length == actionIndices.length) {
            int capacity = 2 * length;
            obs = Arrays.copyOf(obs, (capacity + 1) * obsDim);
            actionIndices = Arrays.copyOf(actionIndices, capacity);
            rewards = Arrays.copyOf(rewards, capacity);
            policies = Arrays.copyOf(policies, capacity * actions);
            rootValues = Arrays.copyOf(rootValues, capacity);
        }
        actionIndices[length] = action;
        System.arraycopy(policy, 0, policies, length * actions, actions);
        rootValues[length] = rootValue;
        rewards[length] = reward;
        System.arraycopy(nextObs, 0, obs, (length + 1) * obsDim, obsDim);
        length++;
    }

    /**
     * Ends the game.
     *
     * @param reachedTerminal whether {@code o_T} is terminal (its value is 0 and the model learns
     *                        that nothing follows) rather than cut short (then {@code o_T} is
     *                        valued by the network)
     */
    public void finish(boolean reachedTerminal) {
        finished = true;
        terminated = reachedTerminal;
    }

    /**
     * Writes a finished game into {@code out}.
     *
     * @param out where to write (not null)
     */
    public void saveState(Checkpoint out) {
        out.putLong("length", length);
        out.putBoolean("terminated", terminated);
        out.putFloats("obs", obs, (length + 1) * obsDim);
        out.putInts("actions", Arrays.copyOf(actionIndices, length));
        out.putFloats("rewards", rewards, length);
        out.putFloats("policies", policies, length * actions);
        out.putFloats("root_values", rootValues, length);
    }

    /**
     * @param in what {@link #saveState} wrote (not null)
     * @param obsDim floats per observation
     * @param actions number of actions
     * @return the finished game
     * @throws CheckpointException if an entry is missing or has the wrong size
     */
    public static Game restore(Checkpoint in, int obsDim, int actions) {
        long length = in.getLong("length");
        if (length < 1 || length > Integer.MAX_VALUE / Math.max(1, obsDim + actions)) {
            throw new CheckpointException("a MuZero game of " + length + " steps is impossible: the checkpoint is damaged");
        }
        int t = (int) length;
        float[] obs = in.getFloats("obs", (long) (t + 1) * obsDim);
        int[] actionIndices = in.getInts("actions");
        in.requireLength("actions", actionIndices.length, t);
        Game game = new Game(obsDim, actions, Arrays.copyOf(obs, obsDim));
        game.obs = obs;
        game.actionIndices = actionIndices;
        game.rewards = in.getFloats("rewards", t);
        game.policies = in.getFloats("policies", (long) t * actions);
        game.rootValues = in.getFloats("root_values", t);
        for (int a : actionIndices) {
            if (a < 0 || a >= actions) {
                throw new CheckpointException("a MuZero game holds action " + a + " of " + actions + ": the checkpoint is"
                        + " damaged");
            }
        }
        game.length = t;
        game.finish(in.getBoolean("terminated"));
        return game;
    }

    /** @return a finished copy of the game so far, as if cut short here (for learning mid-episode) */
    public Game snapshot() {
        Game copy = new Game(obsDim, actions, Arrays.copyOf(obs, obsDim));
        copy.obs = Arrays.copyOf(obs, (length + 1) * obsDim);
        copy.actionIndices = Arrays.copyOf(actionIndices, Math.max(1, length));
        copy.rewards = Arrays.copyOf(rewards, Math.max(1, length));
        copy.policies = Arrays.copyOf(policies, Math.max(1, length) * actions);
        copy.rootValues = Arrays.copyOf(rootValues, Math.max(1, length));
        copy.length = length;
        copy.finish(false);
        return copy;
    }

    /** @return T, the steps recorded */
    public int length() {
        return length;
    }

    /** @return whether the game ended in a terminal state */
    public boolean terminated() {
        return terminated;
    }

    /** @return floats per observation */
    public int obsDim() {
        return obsDim;
    }

    /** @return number of actions */
    public int actions() {
        return actions;
    }

    /** Copies {@code o_t} ({@code 0 ≤ t ≤ T}) into {@code out[offset ..]}. */
    public void obs(int t, float[] out, int offset) {
        System.arraycopy(obs, t * obsDim, out, offset, obsDim);
    }

    /** @return {@code a_t} */
    public int action(int t) {
        return actionIndices[t];
    }

    /** @return {@code r_t} */
    public float reward(int t) {
        return rewards[t];
    }

    /** @return {@code π_t(a)} */
    public float policy(int t, int a) {
        return policies[t * actions + a];
    }

    /** @return the search's root value at step t */
    public float rootValue(int t) {
        return rootValues[t];
    }
}
