package dev.foresight.search;

import java.util.Arrays;
import java.util.Objects;

/**
 * A global value estimate for discrete states, learnt from the searches themselves and used to cut
 * them short (Hessel's lecture on model-based RL: "use global value estimates to truncate search";
 * Sutton &amp; Barto section 8.11): after each search every node's greedy backed-up value is written
 * to its state ({@link #learnFrom}). A leaf is worth {@code λ·V(s) + (1 − λ)·rollout(s)} when its
 * state has a value (AlphaGo's mixed leaf evaluation, Silver et al. 2016), the rollout alone
 * otherwise; the rollout keeps bringing news the table does not have yet, the table carries what
 * earlier searches found, and over many searches values back up through the states like
 * asynchronous value iteration on the model the search uses.
 *
 * <p>States are indices carried as one float. Threading: the searching thread.
 */
public final class ValueTable implements LeafEvaluator {
    private final float[] values;
    private final boolean[] known;
    private final LeafEvaluator rollouts;
    private final float mix;
    private final float[] state = new float[1];

    /**
     * @param states how many states (&ge;1)
     * @param rollouts values every leaf by itself (not null)
     * @param mix λ, the table's weight where it has a value, in [0, 1]
     */
    public ValueTable(int states, LeafEvaluator rollouts, float mix) {
        if (!(mix >= 0 && mix <= 1)) {
            throw new IllegalArgumentException("the value table's weight must be in [0, 1], got " + mix);
        }
        this.values = new float[states];
        this.known = new boolean[states];
        this.rollouts = Objects.requireNonNull(rollouts, "rollouts");
        this.mix = mix;
    }

    @Override
    public void evaluate(float[] states, int n, float[] out) {
        rollouts.evaluate(states, n, out);
        for (int i = 0; i < n; i++) {
            int s = (int) states[i];
            if (known[s]) {
                out[i] = mix * values[s] + (1 - mix) * out[i];
            }
        }
    }

    /**
     * Writes every node's greedy backed-up value ({@link Mcts#nodeValue}) to its state.
     *
     * @param search a search over states of this table (its model's states are indices)
     */
    public void learnFrom(Mcts search) {
        for (int node = 0; node < search.treeSize(); node++) {
            double v = search.nodeValue(node);
            if (!Double.isNaN(v)) {
                int s = (int) search.state(node, state)[0];
                values[s] = (float) v;
                known[s] = true;
            }
        }
    }

    /** @return the value of state {@code s} (NaN if none yet) */
    public float value(int s) {
        return known[s] ? values[s] : Float.NaN;
    }

    /** Forgets every value. */
    public void clear() {
        Arrays.fill(known, false);
    }
}
