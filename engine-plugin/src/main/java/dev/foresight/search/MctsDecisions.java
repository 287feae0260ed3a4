package dev.foresight.search;

import dev.foresight.agent.DecisionMaker;
import dev.foresight.agent.Imagination;
import dev.foresight.env.BoxSpace;
import dev.foresight.env.DiscreteActions;
import dev.foresight.env.EnvSpec;
import dev.foresight.onnx.OnnxDynamicsModel;
import java.util.Arrays;

/**
 * Tree-search decisions for a {@link dev.foresight.agent.LiveAgent} on a continuous task with one
 * action: Monte Carlo tree search over a few evenly spaced levels of the action in the newest
 * exported ensemble ({@link EnsembleSearchModel}: a member drawn per transition, next states
 * sampled), leaves valued by random rollouts; the plan handed over is the most visited path. What
 * it imagined is the tree itself: for each root action, the branch that follows the most visited
 * child, as a future whose weight is the root action's share of the visits (drawn as thickness).
 * A fresh tree every decision: the ensemble is stochastic, so a kept subtree would plan from where
 * the agent is not ({@link Mcts#advance}).
 *
 * <p>Threading: the live agent's planner thread only (the tree is read there too, by {@link #imagine}).
 */
public final class MctsDecisions implements DecisionMaker<OnnxDynamicsModel> {
    private final EnvSpec spec;
    private final float[] levels;
    private final MctsConfig config;
    private final int horizon;
    private final float[] node;
    private EnsembleSearchModel searchModel;
    private Mcts mcts;
    private OnnxDynamicsModel current;
    private int lastAction = -1;

    /**
     * @param spec the task (one bounded action component; not null)
     * @param levelCount how many evenly spaced levels of the action the tree branches over (&ge;2)
     * @param config the search's settings (not null), e.g. {@link MctsConfig#interactive}
     * @param horizon steps of the most visited path handed over as the plan (&ge;1)
     * @throws IllegalArgumentException naming the task if its actions are not one bounded component
     */
    public MctsDecisions(EnvSpec spec, int levelCount, MctsConfig config, int horizon) {
        BoxSpace box = spec.continuousActions("tree search over action levels");
        box.requireBounded("tree search over action levels");
        if (box.dim() != 1 || levelCount < 2 || horizon < 1) {
            throw new IllegalArgumentException(spec.name() + ": tree search over action levels needs one action component,"
                    + " at least 2 levels and a horizon >= 1; got " + box.dim() + " components, " + levelCount
                    + " levels, horizon " + horizon);
        }
        this.spec = spec;
        this.levels = DiscreteActions.levels(box, levelCount);
        this.config = config;
        this.horizon = horizon;
        this.node = new float[spec.obsDim()];
    }

    /** @return the action value of each branch index (a copy) */
    public float[] levels() {
        return levels.clone();
    }

    @Override
    public boolean ready() {
        return mcts != null;
    }

    @Override
    public void accept(OnnxDynamicsModel model) {
        if (searchModel == null) {
            int rows = Math.max(config.leafBatch() * config.rolloutsPerLeaf(), config.leafBatch());
            searchModel = new EnsembleSearchModel(model, spec, levels, rows, config.seed() + 1);
            mcts = new Mcts(searchModel, new RandomRollouts(searchModel, config.rolloutDepth(), config.rolloutsPerLeaf(),
                    config.discount(), config.seed() + 2), null, config.settings());
        } else {
            searchModel.setModel(model);
        }
        if (current != null) {
            current.close();
        }
        current = model;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public void reset() {
        mcts.clear();
    }

    /** Nothing to shift: every decision searches a fresh tree. */
    @Override
    public void advance(int steps) {
    }

    /** Runs the configured simulations (the budget is not consulted: choose the simulations to fit). */
    @Override
    public void decide(float[] state, long budgetNanos, float[] plan) {
        mcts.clear();
        lastAction = mcts.search(state);
        int[] path = path(lastAction);
        for (int t = 0; t < horizon; t++) {
            plan[t] = levels[path[Math.min(t, path.length - 1)]];
        }
    }

    /** The actions of the branch under root action {@code a}: {@code a}, then the most visited child's, and so on. */
    private int[] path(int a) {
        int[] actions = new int[horizon];
        actions[0] = a;
        int length = 1;
        int at = mcts.rootChild(a);
        while (at >= 0 && length < horizon) {
            int best = mostVisited(at);
            if (best < 0) {
                break;
            }
            actions[length++] = best;
            at = mcts.child(at, best);
        }
        return Arrays.copyOf(actions, length);
    }

    private int mostVisited(int at) {
        int best = -1;
        int visits = 0;
        for (int a = 0; a < levels.length; a++) {
            int v = mcts.visits(at, a);
            if (v > visits) {
                visits = v;
                best = a;
            }
        }
        return best;
    }

    /** The states the tree holds along the branch under root action {@code a} (its expanded nodes). */
    private float[] branchStates(int a) {
        int dim = spec.obsDim();
        float[] states = new float[horizon * dim];
        int steps = 0;
        int at = mcts.rootChild(a);
        while (at >= 0 && steps < horizon) {
            mcts.state(at, node);
            System.arraycopy(node, 0, states, steps * dim, dim);
            steps++;
            int next = mostVisited(at);
            at = next < 0 ? -1 : mcts.child(at, next);
        }
        return Arrays.copyOf(states, steps * dim);
    }

    @Override
    public boolean predictNext(float[] state, float[] action, float[] out) {
        return false; // the ensemble is read through the search model; latency compensation is left out
    }

    /**
     * The searched tree: the chosen action's branch as the plan (one "member"), every other root
     * action's branch as a candidate weighted by its share of the root's visits (the most visited
     * first), at most {@code candidates} of them.
     */
    @Override
    public Imagination imagine(float[] start, int candidates, int episode, int step) {
        if (mcts == null || lastAction < 0 || mcts.treeSize() == 0) {
            return null;
        }
        int total = 0;
        Integer[] order = new Integer[levels.length];
        for (int a = 0; a < levels.length; a++) {
            total += mcts.rootVisits(a);
            order[a] = a;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(mcts.rootVisits(y), mcts.rootVisits(x)));
        int shown = 0;
        float[][] branches = new float[levels.length][];
        float[] weights = new float[levels.length];
        for (Integer a : order) {
            if (a == lastAction || shown >= candidates || mcts.rootVisits(a) == 0 || mcts.rootChild(a) < 0) {
                continue;
            }
            branches[shown] = branchStates(a);
            weights[shown] = mcts.rootVisits(a) / (float) Math.max(1, total);
            shown++;
        }
        return new Imagination(start.clone(), new float[][] {branchStates(lastAction)}, Arrays.copyOf(branches, shown),
                episode, step, Arrays.copyOf(weights, shown));
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
    }
}
