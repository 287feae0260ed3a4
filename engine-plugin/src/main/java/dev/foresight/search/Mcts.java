package dev.foresight.search;

import dev.foresight.util.Dirichlet;
import dev.foresight.util.RandomStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Monte Carlo tree search over a {@link SearchModel} with discrete actions: UCT (Kocsis &amp;
 * Szepesvári 2006) or PUCT with priors (Silver et al. 2017; Schrittwieser et al. 2020, whose min-max
 * normalisation of values it uses), leaves valued by a {@link LeafEvaluator} (random rollouts, a
 * value function, or both), the root action chosen by visit count, and the tree kept across real
 * steps where the model predicted the step ({@link #advance}: the subtree under the action taken
 * becomes the next tree).
 *
 * <p><b>Batched leaves.</b> {@link MctsSettings#leafBatch()} simulations descend before any is
 * backed up; each adds a virtual loss to the edges it passed (counted as a visit worth the tree's
 * lowest value) so the others spread out; then all their leaf edges are expanded in ONE model call
 * and valued in one evaluator call, and the real returns replace the virtual losses.
 *
 * <p><b>Layout.</b> As mctx's {@code Tree}: nodes and edges in flat arrays (edge {@code node·A + a}),
 * a node per expanded edge, grown on demand and compacted to the kept subtree by {@link #advance}.
 * A simulation that ends on an edge the model said ends the episode backs up its reward only.
 *
 * <p>Deterministic for a seed (ties broken by the seeded stream). Threading: one thread.
 */
public final class Mcts {
    private static final int NONE = -1;

    private final SearchModel model;
    private final LeafEvaluator evaluator;
    private final PriorFunction priors;
    private final MctsSettings settings;
    private final int actions;
    private final int dim;
    private final RandomStream random;

    // Tree (node i: states[i·dim ..]; edge e = i·A + a).
    private int capacity;
    private int size;
    private float[] states;
    private int[] child;
    private int[] edgeVisits;
    private double[] edgeReturn;
    private float[] edgeReward;
    private boolean[] edgeTerminal;
    private int[] edgePending;
    private float[] prior;
    private double minValue;
    private double maxValue;
    private double minValueRange;
    private int forcedRoot = NONE;
    private int[] pendingPriors = new int[8];
    private int pendingCount;
    private float[] priorStates = new float[0];
    private float[] priorOut = new float[0];
    private float noiseAlpha;
    private float noiseFraction;
    private float[] noise;

    // Per-batch scratch.
    private final int[][] paths;
    private final int[] pathLength;
    private final int[] leafEdge;
    private final float[] batchStates;
    private final int[] batchActions;
    private final float[] batchNext;
    private final float[] batchRewards;
    private final boolean[] batchTerminated;
    private final float[] leafValues;
    private final float[] leafStates;
    private final int[] evaluated;
    private long simulationsRun;

    /**
     * Priors over the actions for PUCT.
     */
    @FunctionalInterface
    public interface PriorFunction {
        /**
         * @param states states, {@code [n · stateDim]} (unaffected)
         * @param n how many
         * @param out storage for each state's action probabilities, {@code [n · actions]} (overwritten)
         */
        void priors(float[] states, int n, float[] out);
    }

    /**
     * @param model the model to search in (not null)
     * @param evaluator values the leaves (not null)
     * @param priors PUCT's priors, or null for uniform ones (UCT ignores them)
     * @param settings the settings (not null)
     */
    public Mcts(SearchModel model, LeafEvaluator evaluator, PriorFunction priors, MctsSettings settings) {
        this.model = Objects.requireNonNull(model, "model");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.priors = priors;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.actions = model.actions();
        this.dim = model.stateDim();
        if (actions < 2 || dim < 1) {
            throw new IllegalArgumentException("a search model needs >= 2 actions and >= 1 float per state, got "
                    + actions + " actions, " + dim + " floats");
        }
        this.random = new RandomStream(settings.seed());
        int batch = settings.leafBatch();
        this.paths = new int[batch][16];
        this.pathLength = new int[batch];
        this.leafEdge = new int[batch];
        this.batchStates = new float[batch * dim];
        this.batchActions = new int[batch];
        this.batchNext = new float[batch * dim];
        this.batchRewards = new float[batch];
        this.batchTerminated = new boolean[batch];
        this.leafValues = new float[batch];
        this.leafStates = new float[batch * dim];
        this.evaluated = new int[batch];
        allocate(64);
    }

    /**
     * Mixes Dirichlet noise into the priors of every new root (AlphaZero's and MuZero's exploration
     * while training): {@code P(a) ← (1 − fraction)·P(a) + fraction·η_a}, η ~ Dir(α), drawn from
     * the search's seeded stream. PUCT only; off (fraction 0) by default.
     *
     * @param alpha the Dirichlet concentration (&gt;0)
     * @param fraction the noise's share, in [0, 1] (0 turns it off)
     */
    public void setRootNoise(float alpha, float fraction) {
        if (!(alpha > 0) || !(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("root noise needs alpha > 0 and fraction in [0, 1], got " + alpha + ", "
                    + fraction);
        }
        noiseAlpha = alpha;
        noiseFraction = fraction;
        noise = new float[actions];
    }

    /**
     * Sets the least range the min-max normalisation of values divides by: a tree whose values
     * span less than {@code range} (in return units) is normalised as if they spanned
     * {@code range}, so that differences smaller than it — the noise of an untrained value
     * function — do not decide the search the way real differences do. 0 (the default) is
     * MuZero's plain min-max.
     *
     * @param range the least range (&ge;0)
     */
    public void setMinValueRange(double range) {
        if (!(range >= 0) || Double.isInfinite(range)) {
            throw new IllegalArgumentException("the least value range must be finite and >= 0, got " + range);
        }
        minValueRange = range;
    }

    /** @return the state of the search's random stream (tie-breaks, root noise), for checkpoints */
    public long[] randomState() {
        return random.state();
    }

    /** @param state what {@link #randomState()} returned: the stream continues from there */
    public void restoreRandomState(long[] state) {
        random.restore(state);
    }

    /** @return the settings */
    public MctsSettings settings() {
        return settings;
    }

    /**
     * Searches from {@code state}, reusing the kept tree if its root is this state, and returns the
     * most visited root action (ties: the higher value, then a seeded draw).
     *
     * @param state the state, {@code [stateDim]} (unaffected)
     * @return the action to take
     */
    public int search(float[] state) {
        if (state.length != dim) {
            throw new IllegalArgumentException("the search model's states have " + dim + " floats, got " + state.length);
        }
        if (size == 0 || !Arrays.equals(states, 0, dim, state, 0, dim)) {
            reset(state);
        }
        int remaining = settings.simulations();
        while (remaining > 0) {
            int batch = Math.min(remaining, settings.leafBatch());
            simulate(batch);
            remaining -= batch;
        }
        return bestAction();
    }

    /**
     * Starts a fresh tree at {@code state} without simulating: for a caller that schedules the
     * root's simulations itself ({@link #simulateFrom}), e.g. Gumbel MuZero's sequential halving.
     *
     * @param state the root state, {@code [stateDim]} (unaffected)
     */
    public void start(float[] state) {
        if (state.length != dim) {
            throw new IllegalArgumentException("the search model's states have " + dim + " floats, got " + state.length);
        }
        reset(state);
    }

    /**
     * Runs one simulation whose first edge is root action {@code action} (below it, the usual
     * selection), on the tree of the last {@link #start} or {@link #search}.
     *
     * @param action the root action
     */
    public void simulateFrom(int action) {
        if (size == 0 || action < 0 || action >= actions) {
            throw new IllegalArgumentException("no tree to simulate in, or root action " + action + " is not one of "
                    + actions);
        }
        forcedRoot = action;
        try {
            simulate(1);
        } finally {
            forcedRoot = NONE;
        }
    }

    /**
     * @param value a return
     * @return it normalised as the selection sees values (min-max over the tree, with the least range)
     */
    public double normalisedValue(double value) {
        return normalised(value);
    }

    /**
     * Keeps the subtree under {@code action} as the next search's tree when the model predicted
     * exactly the state reached (a deterministic model that knows the transition: a learned table,
     * the exact grid); otherwise — a stochastic or wrong prediction, an action never expanded or
     * one that ended the episode — starts afresh at the state reached. (Keeping a subtree grown
     * from a predicted state that differs from the real one plans from where the agent is not:
     * measured on the pendulum with the shipped ensemble, keeping it regardless took a balanced
     * pendulum's 200-step return from −0.9 to −742.)
     *
     * @param action the action taken at the root
     * @param reached the state the real step reached, {@code [stateDim]} (unaffected)
     */
    public void advance(int action, float[] reached) {
        if (size == 0 || action < 0 || action >= actions || child[action] == NONE || edgeTerminal[action]
                || !Arrays.equals(states, child[action] * dim, child[action] * dim + dim, reached, 0, dim)) {
            reset(reached);
            return;
        }
        compactFrom(child[action]);
    }

    /** Forgets the tree. */
    public void clear() {
        size = 0;
    }

    /** @return nodes in the tree */
    public int treeSize() {
        return size;
    }

    /** @return simulations run since creation */
    public long simulationsRun() {
        return simulationsRun;
    }

    /** @return visits of root action {@code a} */
    public int rootVisits(int a) {
        return size == 0 ? 0 : edgeVisits[a];
    }

    /** @return the prior of root action {@code a} (after any root noise) */
    public float rootPrior(int a) {
        return size == 0 ? Float.NaN : prior[a];
    }

    /** @return the mean return of root action {@code a} (NaN if unvisited) */
    public double rootValue(int a) {
        return size == 0 || edgeVisits[a] == 0 ? Double.NaN : edgeReturn[a] / edgeVisits[a];
    }

    /**
     * @param a a root action
     * @return the node reached by it (for drawing and tests), or -1 if it was not expanded
     */
    public int rootChild(int a) {
        return size == 0 ? NONE : child[a];
    }

    /**
     * @param node a node index
     * @return the best mean return over the node's visited actions (its greedy backed-up value), or
     *         NaN if none was visited
     */
    public double nodeValue(int node) {
        double best = Double.NaN;
        for (int a = 0; a < actions; a++) {
            int e = node * actions + a;
            if (edgeVisits[e] > 0) {
                double q = edgeReturn[e] / edgeVisits[e];
                best = Double.isNaN(best) ? q : Math.max(best, q);
            }
        }
        return best;
    }

    /**
     * @param node a node index
     * @param a an action
     * @return visits of the edge
     */
    public int visits(int node, int a) {
        return edgeVisits[node * actions + a];
    }

    /**
     * @param node a node index
     * @param a an action
     * @return the child node, or -1 if the edge was not expanded
     */
    public int child(int node, int a) {
        return child[node * actions + a];
    }

    /**
     * @param node a node index
     * @param store storage for its state, {@code [stateDim]}
     * @return {@code store}
     */
    public float[] state(int node, float[] store) {
        System.arraycopy(states, node * dim, store, 0, dim);
        return store;
    }

    // ---------------------------------------------------------------- one batch of simulations

    private void simulate(int batch) {
        int expansions = 0;
        for (int b = 0; b < batch; b++) {
            descend(b);
            int edge = leafEdge[b];
            if (child[edge] == NONE && !edgeTerminal[edge]) {
                int node = edge / actions;
                System.arraycopy(states, node * dim, batchStates, expansions * dim, dim);
                batchActions[expansions] = edge % actions;
                evaluated[b] = expansions++;
            } else {
                evaluated[b] = NONE;
            }
        }
        if (expansions > 0) {
            model.step(batchStates, batchActions, expansions, batchNext, batchRewards, batchTerminated);
        }
        int toValue = 0;
        for (int b = 0; b < batch; b++) {
            int row = evaluated[b];
            int edge = leafEdge[b];
            if (row != NONE && child[edge] == NONE) { // a second simulation to the same edge finds it expanded
                expand(edge, batchNext, row * dim, batchRewards[row], batchTerminated[row]);
            }
        }
        flushPriors();
        for (int b = 0; b < batch; b++) {
            int edge = leafEdge[b];
            if (!edgeTerminal[edge]) {
                System.arraycopy(states, child[edge] * dim, leafStates, toValue * dim, dim);
                evaluated[b] = toValue++;
            } else {
                evaluated[b] = NONE;
            }
        }
        if (toValue > 0) {
            evaluator.evaluate(leafStates, toValue, leafValues);
        }
        for (int b = 0; b < batch; b++) {
            backup(b, evaluated[b] == NONE ? 0f : leafValues[evaluated[b]]);
        }
        simulationsRun += batch;
    }

    /** Selects edges from the root to a leaf edge (unexpanded, or one that ends the episode), adding virtual losses. */
    private void descend(int b) {
        int node = 0;
        int length = 0;
        while (true) {
            int a = length == 0 && forcedRoot != NONE ? forcedRoot : select(node);
            int edge = node * actions + a;
            if (length == paths[b].length) {
                paths[b] = Arrays.copyOf(paths[b], 2 * length);
            }
            paths[b][length++] = edge;
            edgePending[edge]++;
            if (child[edge] == NONE || edgeTerminal[edge]) {
                break;
            }
            node = child[edge];
        }
        pathLength[b] = length;
        leafEdge[b] = paths[b][length - 1];
    }

    private int select(int node) {
        int base = node * actions;
        int total = 0;
        for (int a = 0; a < actions; a++) {
            total += edgeVisits[base + a] + edgePending[base + a];
        }
        double best = Double.NEGATIVE_INFINITY;
        int chosen = 0;
        int ties = 0;
        for (int a = 0; a < actions; a++) {
            int e = base + a;
            int n = edgeVisits[e] + edgePending[e];
            double score;
            if (settings.puct()) {
                double q = n == 0 ? 0.0 : normalised((edgeReturn[e] + edgePending[e] * minValueOrZero()) / n);
                score = q + settings.exploration() * prior[e] * Math.sqrt(total) / (1 + n);
            } else if (n == 0) {
                score = Double.POSITIVE_INFINITY;
            } else {
                double q = normalised((edgeReturn[e] + edgePending[e] * minValueOrZero()) / n);
                score = q + settings.exploration() * Math.sqrt(Math.log(total) / n);
            }
            if (score > best) {
                best = score;
                chosen = a;
                ties = 1;
            } else if (score == best && random.nextInt(++ties) == 0) {
                chosen = a; // uniform among equals (reservoir)
            }
        }
        return chosen;
    }

    private double minValueOrZero() {
        return minValue <= maxValue ? minValue : 0.0;
    }

    /**
     * MuZero's min-max normalisation over the values seen in the tree (identity until two differ),
     * dividing by at least {@link #setMinValueRange the least range}.
     */
    private double normalised(double value) {
        return maxValue > minValue ? (value - minValue) / Math.max(maxValue - minValue, minValueRange) : value;
    }

    private void backup(int b, float leafValue) {
        double g = leafValue;
        for (int i = pathLength[b] - 1; i >= 0; i--) {
            int e = paths[b][i];
            g = edgeReward[e] + settings.discount() * g;
            edgeVisits[e]++;
            edgePending[e]--;
            edgeReturn[e] += g;
            double q = edgeReturn[e] / edgeVisits[e];
            minValue = Math.min(minValue, q);
            maxValue = Math.max(maxValue, q);
        }
    }

    /** The most visited root action; among equals the higher value, then a seeded draw. */
    private int bestAction() {
        int best = NONE;
        int ties = 0;
        for (int a = 0; a < actions; a++) {
            int order = best == NONE ? 1 : compareRoot(a, best);
            if (order > 0) {
                best = a;
                ties = 1;
            } else if (order == 0 && random.nextInt(++ties) == 0) {
                best = a;
            }
        }
        return best;
    }

    private int compareRoot(int a, int b) {
        if (edgeVisits[a] != edgeVisits[b]) {
            return Integer.compare(edgeVisits[a], edgeVisits[b]);
        }
        double va = edgeVisits[a] == 0 ? 0.0 : edgeReturn[a] / edgeVisits[a];
        double vb = edgeVisits[b] == 0 ? 0.0 : edgeReturn[b] / edgeVisits[b];
        return Double.compare(va, vb);
    }

    // ---------------------------------------------------------------- tree storage

    private void reset(float[] state) {
        size = 0;
        minValue = Double.POSITIVE_INFINITY;
        maxValue = Double.NEGATIVE_INFINITY;
        pendingCount = 0;
        newNode(state, 0);
        flushPriors();
        if (noiseFraction > 0 && settings.puct()) {
            Dirichlet.sample(random, noiseAlpha, noise);
            for (int a = 0; a < actions; a++) {
                prior[a] = (1 - noiseFraction) * prior[a] + noiseFraction * noise[a];
            }
        }
    }

    private void expand(int edge, float[] source, int offset, float reward, boolean terminated) {
        int node = newNode(source, offset); // first: it may grow (replace) the arrays written below
        edgeReward[edge] = reward;
        edgeTerminal[edge] = terminated;
        child[edge] = node;
    }

    private int newNode(float[] source, int offset) {
        if (size == capacity) {
            grow(2 * capacity);
        }
        int node = size++;
        System.arraycopy(source, offset, states, node * dim, dim);
        int base = node * actions;
        Arrays.fill(child, base, base + actions, NONE);
        Arrays.fill(edgeVisits, base, base + actions, 0);
        Arrays.fill(edgeReturn, base, base + actions, 0.0);
        Arrays.fill(edgeReward, base, base + actions, 0f);
        Arrays.fill(edgeTerminal, base, base + actions, false);
        Arrays.fill(edgePending, base, base + actions, 0);
        Arrays.fill(prior, base, base + actions, 1f / actions);
        if (priors != null && settings.puct()) {
            if (pendingCount == pendingPriors.length) {
                pendingPriors = Arrays.copyOf(pendingPriors, 2 * pendingCount);
            }
            pendingPriors[pendingCount++] = node; // computed by flushPriors, one call for all new nodes
        }
        return node;
    }

    /** Computes the priors of every node created since the last call, in one call of the prior function. */
    private void flushPriors() {
        if (pendingCount == 0) {
            return;
        }
        if (priorStates.length < pendingCount * dim) {
            priorStates = new float[pendingPriors.length * dim];
            priorOut = new float[pendingPriors.length * actions];
        }
        for (int i = 0; i < pendingCount; i++) {
            System.arraycopy(states, pendingPriors[i] * dim, priorStates, i * dim, dim);
        }
        priors.priors(priorStates, pendingCount, priorOut);
        for (int i = 0; i < pendingCount; i++) {
            System.arraycopy(priorOut, i * actions, prior, pendingPriors[i] * actions, actions);
        }
        pendingCount = 0;
    }

    private void allocate(int nodes) {
        capacity = nodes;
        states = new float[nodes * dim];
        child = new int[nodes * actions];
        edgeVisits = new int[nodes * actions];
        edgeReturn = new double[nodes * actions];
        edgeReward = new float[nodes * actions];
        edgeTerminal = new boolean[nodes * actions];
        edgePending = new int[nodes * actions];
        prior = new float[nodes * actions];
    }

    private void grow(int nodes) {
        capacity = nodes;
        states = Arrays.copyOf(states, nodes * dim);
        child = Arrays.copyOf(child, nodes * actions);
        edgeVisits = Arrays.copyOf(edgeVisits, nodes * actions);
        edgeReturn = Arrays.copyOf(edgeReturn, nodes * actions);
        edgeReward = Arrays.copyOf(edgeReward, nodes * actions);
        edgeTerminal = Arrays.copyOf(edgeTerminal, nodes * actions);
        edgePending = Arrays.copyOf(edgePending, nodes * actions);
        prior = Arrays.copyOf(prior, nodes * actions);
    }

    /** Rebuilds the tree as the subtree under {@code newRoot}, breadth first, the root at 0. */
    private void compactFrom(int newRoot) {
        int[] order = new int[size];
        int[] renumber = new int[size];
        Arrays.fill(renumber, NONE);
        int count = 0;
        order[count++] = newRoot;
        renumber[newRoot] = 0;
        for (int i = 0; i < count; i++) {
            int base = order[i] * actions;
            for (int a = 0; a < actions; a++) {
                int c = child[base + a];
                if (c != NONE && renumber[c] == NONE) {
                    renumber[c] = count;
                    order[count++] = c;
                }
            }
        }
        float[] newStates = new float[capacity * dim];
        int[] newChild = new int[capacity * actions];
        int[] newVisits = new int[capacity * actions];
        double[] newReturn = new double[capacity * actions];
        float[] newReward = new float[capacity * actions];
        boolean[] newTerminal = new boolean[capacity * actions];
        float[] newPrior = new float[capacity * actions];
        for (int i = 0; i < count; i++) {
            int old = order[i];
            System.arraycopy(states, old * dim, newStates, i * dim, dim);
            for (int a = 0; a < actions; a++) {
                int from = old * actions + a;
                int to = i * actions + a;
                newChild[to] = child[from] == NONE ? NONE : renumber[child[from]];
                newVisits[to] = edgeVisits[from];
                newReturn[to] = edgeReturn[from];
                newReward[to] = edgeReward[from];
                newTerminal[to] = edgeTerminal[from];
                newPrior[to] = prior[from];
            }
        }
        // The value range is the kept subtree's: values of the discarded branches no longer squeeze it.
        minValue = Double.POSITIVE_INFINITY;
        maxValue = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < count * actions; e++) {
            if (newVisits[e] > 0) {
                double q = newReturn[e] / newVisits[e];
                minValue = Math.min(minValue, q);
                maxValue = Math.max(maxValue, q);
            }
        }
        states = newStates;
        child = newChild;
        edgeVisits = newVisits;
        edgeReturn = newReturn;
        edgeReward = newReward;
        edgeTerminal = newTerminal;
        edgePending = new int[capacity * actions];
        prior = newPrior;
        size = count;
    }
}
