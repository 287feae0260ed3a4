package dev.foresight.search;

import dev.foresight.env.EnvSpec;
import dev.foresight.model.ModelEnvironment;
import dev.foresight.model.Propagation;
import dev.foresight.model.TransitionModel;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * A learned ensemble as a search model, through the library's one rollout loop
 * ({@link ModelEnvironment}): each transition is predicted by a member drawn at random for that row
 * and step, its next state sampled from the member's Gaussian (PETS's TS1, Chua et al. 2018), so
 * that the tree's simulations see the model's disagreement; rewards and ends come from the task's
 * own functions. Actions are the task's discrete indices, given to the model as they are (an index
 * is an affine function of the level it stands for, which the model's input normalisation absorbs).
 *
 * <p>One model call per {@link #step} of up to {@code maxRows} rows. Deterministic for a seed.
 * Threading: the searching thread; the model is the caller's and can be swapped with
 * {@link #setModel} between searches.
 */
public final class EnsembleSearchModel implements SearchModel {
    private final ModelEnvironment world;
    private final int actions;
    private final int dim;
    private final int maxRows;
    private final float[] levels;

    /**
     * A model trained on the discrete task itself (its actions are the indices).
     *
     * @param model the ensemble (or another transition model) over observations and action indices (not null)
     * @param spec the task's spec: discrete actions, reward and termination functions (not null)
     * @param maxRows the most rows one call predicts (larger calls are split)
     * @param seed seeds the member draws and the sampled next states
     */
    public EnsembleSearchModel(TransitionModel model, EnvSpec spec, int maxRows, long seed) {
        this(model, spec, null, maxRows, seed);
    }

    /**
     * A model of the continuous task searched over a few of its actions: action {@code i} is given to
     * the model, and scored, as {@code levels[i]} (e.g. a shipped cart-pole model searched over the
     * forces −1, 0, +1).
     *
     * @param model the model of the continuous task (not null)
     * @param spec the spec its actions, reward and termination belong to: with {@code levels} the
     *             continuous task's, without them the discrete task's (not null)
     * @param levels the action value of each index (null: the index itself; the spec's actions must
     *               then be discrete)
     * @param maxRows the most rows one call predicts (larger calls are split)
     * @param seed seeds the member draws and the sampled next states
     */
    public EnsembleSearchModel(TransitionModel model, EnvSpec spec, float[] levels, int maxRows, long seed) {
        this.actions = levels != null ? levels.length : spec.actionSpace().requireDiscrete("MCTS over a learned model").n();
        if (actions < 2 || model.actionDim() != 1) {
            throw new IllegalArgumentException("MCTS over a learned model needs >= 2 actions and a model with one action"
                    + " input, got " + actions + " actions and a model taking " + model.actionDim());
        }
        this.levels = levels == null ? null : levels.clone();
        this.dim = spec.obsDim();
        this.maxRows = maxRows;
        this.world = new ModelEnvironment(model, ModelEnvironment.Settings.sampled(Propagation.TS1),
                List.of(spec.rewardFunction()), spec.terminationFunction(), maxRows, new RandomStream(seed));
    }

    /** @param model the retrained model (same sizes; the caller's) */
    public void setModel(TransitionModel model) {
        world.setModel(model);
    }

    @Override
    public int stateDim() {
        return dim;
    }

    @Override
    public int actions() {
        return actions;
    }

    @Override
    public void step(float[] states, int[] actionsTaken, int n, float[] next, float[] rewards, boolean[] terminated) {
        float[] starts = states;
        for (int from = 0; from < n; from += maxRows) {
            int m = Math.min(maxRows, n - from);
            if (from > 0) {
                starts = java.util.Arrays.copyOfRange(states, from * dim, (from + m) * dim);
            }
            world.reset(starts, m);
            float[] act = world.actions();
            for (int i = 0; i < m; i++) {
                act[i] = levels == null ? actionsTaken[from + i] : levels[actionsTaken[from + i]];
            }
            world.step();
            System.arraycopy(world.observations(), 0, next, from * dim, m * dim);
            System.arraycopy(world.rewards(), 0, rewards, from, m);
            System.arraycopy(world.terminated(), 0, terminated, from, m);
        }
    }
}
