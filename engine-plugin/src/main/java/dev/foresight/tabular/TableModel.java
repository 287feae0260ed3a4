package dev.foresight.tabular;

import dev.foresight.util.RandomStream;


/**
 * Sutton &amp; Barto's deterministic table model (section 8.2): for each state–action pair tried,
 * the last next state, reward and whether the episode ended; and, for Dyna's search control,
 * which states were seen and which actions were taken in each, so that a previously observed
 * pair can be drawn uniformly as the book's Tabular Dyna-Q does (a random observed state, then a
 * random action taken in it).
 *
 * <p>Not thread-safe.
 */
public final class TableModel {
    private final int states;
    private final int actions;
    private final int[] next;
    private final float[] reward;
    private final boolean[] terminal;
    private final boolean[] tried;
    private final int[] seenStates;
    private final boolean[] seen;
    private final int[][] takenActions;
    private final int[] takenCount;
    private int seenCount;

    /**
     * @param states S (&ge;1)
     * @param actions A (&ge;1)
     */
    public TableModel(int states, int actions) {
        this.states = states;
        this.actions = actions;
        this.next = new int[states * actions];
        this.reward = new float[states * actions];
        this.terminal = new boolean[states * actions];
        this.tried = new boolean[states * actions];
        this.seenStates = new int[states];
        this.seen = new boolean[states];
        this.takenActions = new int[states][actions];
        this.takenCount = new int[states];
    }

    /** Records a real transition (replacing what was known of the pair). */
    public void update(int s, int a, float r, int sNext, boolean ended) {
        int i = s * actions + a;
        if (!seen[s]) {
            seen[s] = true;
            seenStates[seenCount++] = s;
        }
        if (!tried[i]) {
            tried[i] = true;
            takenActions[s][takenCount[s]++] = a;
        }
        next[i] = sNext;
        reward[i] = r;
        terminal[i] = ended;
    }

    /** @return whether {@code (s, a)} has been tried */
    public boolean tried(int s, int a) {
        return tried[s * actions + a];
    }

    /** @return the last next state seen after {@code (s, a)} */
    public int next(int s, int a) {
        return next[s * actions + a];
    }

    /** @return the last reward seen after {@code (s, a)} */
    public float reward(int s, int a) {
        return reward[s * actions + a];
    }

    /** @return whether {@code (s, a)} last ended the episode */
    public boolean terminal(int s, int a) {
        return terminal[s * actions + a];
    }

    /** @return states observed so far */
    public int seenCount() {
        return seenCount;
    }

    /** @return a uniformly drawn observed state (call only once one is observed) */
    public int randomSeenState(RandomStream random) {
        return seenStates[random.nextInt(seenCount)];
    }

    /** @return a uniformly drawn action already taken in {@code s} (an observed state) */
    public int randomTakenAction(int s, RandomStream random) {
        return takenActions[s][random.nextInt(takenCount[s])];
    }

    /** @return S */
    public int states() {
        return states;
    }

    /** @return A */
    public int actions() {
        return actions;
    }
}
