package dev.foresight.muzero;

import dev.foresight.model.latent.LatentModel;
import dev.foresight.search.LeafEvaluator;
import dev.foresight.search.Mcts;
import dev.foresight.search.MctsSettings;
import dev.foresight.search.SearchModel;
import java.util.Objects;

/**
 * MuZero's search: the library's {@link Mcts} (PUCT, min-max normalised values) run over a
 * {@link LatentModel} — the root is {@code h(obs)}, each expansion one batched {@code g} call, each
 * new node's priors {@code softmax} of {@code f}'s logits and each leaf valued by {@code f}'s value.
 * The model never ends an episode (MuZero learns absorbing states instead). A fresh tree per
 * search: a learned latent is never compared with the next observation's.
 *
 * <p>Threading: the acting thread.
 */
public final class LatentSearch implements SearchModel, LeafEvaluator, Mcts.PriorFunction {
    private final Mcts mcts;
    private final int latentDim;
    private final int actions;
    private LatentModel model;
    private float[] logits = new float[0];
    private float[] values = new float[0];
    private final float[] root;

    /**
     * @param model the model (not null)
     * @param settings the search's settings (PUCT)
     * @throws IllegalArgumentException if the settings are UCT's (MuZero's search uses the priors)
     */
    public LatentSearch(LatentModel model, MctsSettings settings) {
        this.model = Objects.requireNonNull(model, "model");
        if (!settings.puct()) {
            throw new IllegalArgumentException("MuZero's search needs PUCT settings (it searches with f's priors)");
        }
        this.latentDim = model.latentDim();
        this.actions = model.actions();
        this.root = new float[latentDim];
        this.mcts = new Mcts(this, this, this, settings);
    }

    /**
     * @param newModel a model of the same sizes (not null)
     * @throws IllegalArgumentException if its sizes differ
     */
    public void setModel(LatentModel newModel) {
        if (newModel.latentDim() != latentDim || newModel.actions() != actions) {
            throw new IllegalArgumentException("the new model has latentDim " + newModel.latentDim() + " and "
                    + newModel.actions() + " actions; the search was built for " + latentDim + " and " + actions);
        }
        model = newModel;
        mcts.clear();
    }

    /** @return the model searched */
    public LatentModel model() {
        return model;
    }

    /** @return the tree of the last search (for drawing and tests) */
    public Mcts tree() {
        return mcts;
    }

    /**
     * Searches from an observation with a fresh tree.
     *
     * @param obs the encoded observation, {@code [obsDim]} (unaffected)
     * @return the most visited root action
     */
    public int search(float[] obs) {
        model.represent(obs, 1, root);
        mcts.clear();
        return mcts.search(root);
    }

    /**
     * Searches with Gumbel MuZero's root (Danihelka et al. 2022, "Policy improvement by planning
     * with Gumbel", as mctx's {@code gumbel_muzero_policy}): draw {@code g(a) ~ Gumbel(0, 1)}
     * (times {@code gumbelScale}), consider the {@code m} actions with the largest
     * {@code g(a) + logits(a)}, and share the simulations among them by sequential halving —
     * ⌈log₂ m⌉ phases, each giving every action still considered an equal share, then keeping the
     * better half by {@code g(a) + logits(a) + σ(q̂(a))}, {@code σ(q) = (50 + max_b N(b))·0.1·q}
     * on min-max normalised values. Below the root the usual PUCT selection runs. The action is
     * the best survivor; the policy target is the improved policy
     * {@code softmax(logits + σ(completed q̂))}, unvisited actions completed with the paper's
     * {@code v_mix}. It improves on the prior even with a handful of simulations, where PUCT's
     * visit counts say little.
     *
     * @param obs the encoded observation, {@code [obsDim]} (unaffected)
     * @param m actions considered (&ge;1; at most all)
     * @param gumbelScale 1 while training (the Gumbel draw explores), 0 to act on the values alone
     * @param random the stream for the Gumbel draws (not null)
     * @param policy storage for the improved policy, {@code [actions]} (overwritten)
     * @return the action chosen
     */
    public int searchGumbel(float[] obs, int m, float gumbelScale, dev.foresight.util.RandomStream random,
                            float[] policy) {
        model.represent(obs, 1, root);
        mcts.start(root);
        float[] rootLogits = new float[actions];
        float[] rootV = new float[1];
        model.predict(root, 1, rootLogits, rootV);
        double[] gumbel = new double[actions];
        for (int a = 0; a < actions; a++) {
            gumbel[a] = gumbelScale * -Math.log(-Math.log(1.0 - random.nextDouble() * (1 - 1e-12)));
        }
        java.util.List<Integer> considered = new java.util.ArrayList<>();
        for (int a = 0; a < actions; a++) {
            considered.add(a);
        }
        considered.sort((x, y) -> Double.compare(gumbel[y] + rootLogits[y], gumbel[x] + rootLogits[x]));
        considered = new java.util.ArrayList<>(considered.subList(0, Math.max(1, Math.min(m, actions))));
        int budget = mcts.settings().simulations();
        int phases = Math.max(1, 32 - Integer.numberOfLeadingZeros(considered.size() - 1));
        int remaining = budget;
        for (int phase = 0; phase < phases && remaining > 0; phase++) {
            int share = Math.max(1, budget / (phases * considered.size()));
            for (int a : considered) {
                for (int i = 0; i < share && remaining > 0; i++) {
                    mcts.simulateFrom(a);
                    remaining--;
                }
            }
            if (considered.size() > 1 && phase < phases - 1) {
                considered.sort((x, y) -> Double.compare(score(y, gumbel, rootLogits), score(x, gumbel, rootLogits)));
                considered = new java.util.ArrayList<>(considered.subList(0, (considered.size() + 1) / 2));
            }
        }
        for (int i = 0; remaining > 0; i++, remaining--) {
            mcts.simulateFrom(considered.get(i % considered.size()));
        }
        int best = considered.get(0);
        for (int a : considered) {
            if (score(a, gumbel, rootLogits) > score(best, gumbel, rootLogits)) {
                best = a;
            }
        }
        improvedPolicy(rootLogits, rootV[0], policy);
        return best;
    }

    private double score(int a, double[] gumbel, float[] logits) {
        double q = mcts.rootVisits(a) > 0 ? mcts.normalisedValue(mcts.rootValue(a)) : 0.0;
        return gumbel[a] + logits[a] + sigma(q);
    }

    /** σ(q) = (c_visit + max_b N(b)) · c_scale · q with mctx's c_visit = 50, c_scale = 0.1. */
    private double sigma(double q) {
        int most = 0;
        for (int a = 0; a < actions; a++) {
            most = Math.max(most, mcts.rootVisits(a));
        }
        return (50 + most) * 0.1 * q;
    }

    /** softmax(logits + σ(completed q̂)), unvisited actions completed with v_mix (the paper's appendix D). */
    private void improvedPolicy(float[] logits, float value, float[] out) {
        float[] prior = new float[actions];
        softmax(logits, 0, actions, prior);
        int visits = 0;
        double visitedPrior = 0;
        double weighted = 0;
        for (int a = 0; a < actions; a++) {
            int n = mcts.rootVisits(a);
            visits += n;
            if (n > 0) {
                visitedPrior += prior[a];
                weighted += prior[a] * mcts.rootValue(a);
            }
        }
        double mix = visits == 0 || visitedPrior == 0 ? value
                : (value + visits / visitedPrior * weighted) / (1 + visits);
        float[] improved = new float[actions];
        for (int a = 0; a < actions; a++) {
            double q = mcts.rootVisits(a) > 0 ? mcts.rootValue(a) : mix;
            improved[a] = (float) (logits[a] + sigma(mcts.normalisedValue(q)));
        }
        softmax(improved, 0, actions, out);
    }

    /**
     * @param out storage for the root's visit distribution {@code N(a)/ΣN}, {@code [actions]} (overwritten)
     * @return {@code out}
     */
    public float[] visitPolicy(float[] out) {
        int total = 0;
        for (int a = 0; a < actions; a++) {
            total += mcts.rootVisits(a);
        }
        for (int a = 0; a < actions; a++) {
            out[a] = total == 0 ? 1f / actions : (float) mcts.rootVisits(a) / total;
        }
        return out;
    }

    /** @return the root's value: the visit-weighted mean of its actions' returns (0 before any visit) */
    public float rootValue() {
        double sum = 0;
        int total = 0;
        for (int a = 0; a < actions; a++) {
            int n = mcts.rootVisits(a);
            if (n > 0) {
                sum += n * mcts.rootValue(a);
                total += n;
            }
        }
        return total == 0 ? 0f : (float) (sum / total);
    }

    @Override
    public int stateDim() {
        return latentDim;
    }

    @Override
    public int actions() {
        return actions;
    }

    @Override
    public void step(float[] states, int[] actionIndices, int n, float[] next, float[] rewards, boolean[] terminated) {
        model.dynamics(states, actionIndices, n, next, rewards);
        java.util.Arrays.fill(terminated, 0, n, false);
    }

    @Override
    public void evaluate(float[] states, int n, float[] out) {
        predict(states, n);
        System.arraycopy(values, 0, out, 0, n);
    }

    @Override
    public void priors(float[] states, int n, float[] out) {
        predict(states, n);
        for (int r = 0; r < n; r++) {
            softmax(logits, r * actions, actions, out);
        }
    }

    private void predict(float[] states, int n) {
        if (values.length < n) {
            values = new float[n];
            logits = new float[n * actions];
        }
        model.predict(states, n, logits, values);
    }

    /** Writes {@code softmax(x[offset .. offset+count))} into {@code out[offset ..]}. */
    static void softmax(float[] x, int offset, int count, float[] out) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, x[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double e = Math.exp(x[offset + i] - max);
            out[offset + i] = (float) e;
            sum += e;
        }
        for (int i = 0; i < count; i++) {
            out[offset + i] = (float) (out[offset + i] / sum);
        }
    }
}
