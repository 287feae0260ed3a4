package dev.foresight.muzero;

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
