package dev.foresight.search;

import java.util.Arrays;
import java.util.Objects;

/**
 * A global value estimate for discrete states, used to cut searches short (Hessel's lecture on
 * model-based RL: "use global value estimates to truncate search"; Sutton &amp; Barto section 8.11).
 * Two ways to fill it: from the searches themselves — after each search every node's greedy
 * backed-up value is written to its state ({@link #learnFrom}) — or by solving the model the search
 * uses ({@link #solve}: value iteration, exact for a table model and cheap for a few thousand
 * pairs), which a table-model agent does whenever its table changes: values the searches wrote
 * before the goal was first found are zeros that no longer hold once it has been. A leaf is worth {@code λ·V(s) + (1 − λ)·rollout(s)} when its
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
    private float[] pairStates;
    private int[] pairActions;
    private float[] pairNext;
    private float[] pairRewards;
    private boolean[] pairEnds;

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

    /**
     * Value iteration on a deterministic model over the state indices {@code 0 … states − 1}:
     * {@code V(s) = max_a r(s, a) + γ·V(s')}, no future after a terminal transition, until no value
     * moves by more than 1e-6 (or 10,000 sweeps). Every state gets a value. The model is asked
     * every pair once.
     *
     * @param model a model whose states are indices carried as one float (a table or grid model)
     * @param discount γ in [0, 1)
     * @return the sweeps made
     */
    public int solve(SearchModel model, float discount) {
        if (!(discount >= 0 && discount < 1)) {
            throw new IllegalArgumentException("value iteration needs a discount in [0, 1), got " + discount);
        }
        int states = values.length;
        int actions = model.actions();
        int pairs = states * actions;
        if (pairStates == null || pairStates.length != pairs) {
            pairStates = new float[pairs];
            pairActions = new int[pairs];
            pairNext = new float[pairs];
            pairRewards = new float[pairs];
            pairEnds = new boolean[pairs];
        }
        for (int i = 0; i < pairs; i++) {
            pairStates[i] = i / actions;
            pairActions[i] = i % actions;
        }
        model.step(pairStates, pairActions, pairs, pairNext, pairRewards, pairEnds);
        Arrays.fill(values, 0f);
        Arrays.fill(known, true);
        int sweep = 0;
        double change = Double.POSITIVE_INFINITY;
        while (change > 1e-6 && sweep < 10_000) {
            change = 0;
            for (int st = 0; st < states; st++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < actions; a++) {
                    int i = st * actions + a;
                    double q = pairRewards[i] + (pairEnds[i] ? 0 : discount * values[(int) pairNext[i]]);
                    best = Math.max(best, q);
                }
                change = Math.max(change, Math.abs(best - values[st]));
                values[st] = (float) best;
            }
            sweep++;
        }
        return sweep;
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
