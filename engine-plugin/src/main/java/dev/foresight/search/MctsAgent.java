package dev.foresight.search;

import dev.foresight.agent.Agent;
import dev.foresight.agent.EpisodeStats;
import dev.foresight.agent.LearnerStats;
import dev.foresight.env.DiscreteSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.tabular.TableModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans every step with Monte Carlo tree search in a table model it learns from its own real
 * steps (Sutton &amp; Barto's table model, section 8.2; the search of section 8.11): each real
 * transition goes into the table, then the next action is the root's most visited one after
 * {@link MctsConfig#simulations()} simulations, leaves valued by random rollouts through the
 * same table mixed with a global value estimate ({@link ValueTable}) solved by value iteration on
 * the table whenever a real step changed it. Pairs never tried are modelled as staying in place with
 * reward 0 (see {@link TableSearchModel}); before the goal is first found every action looks alike
 * and the agent walks at random, as Dyna does. The tree under the action taken is kept for the next
 * step.
 *
 * <p>Spaces: discrete observations (the state index) and discrete actions. Deterministic for a
 * seed. Threading: every method on the acting thread.
 */
public final class MctsAgent implements Agent {
    private final EnvSpec spec;
    private final TableModel table;
    private final Mcts mcts;
    private final ValueTable values;
    private final SearchModel model;
    private final float discount;
    private boolean tableChanged;
    private final float[] reached = new float[1];
    private final List<Double> planMillis = new ArrayList<>();
    private long episodeSimulations;
    private LearnerStats last = LearnerStats.NONE;

    /**
     * @param spec the environment's spec (discrete observations and actions; not null)
     * @param config the settings (not null)
     * @throws IllegalArgumentException naming the environment if a space is not discrete
     */
    public MctsAgent(EnvSpec spec, MctsConfig config) {
        MctsSettings settings = config.settings();
        DiscreteSpace observations;
        DiscreteSpace moves;
        try {
            observations = spec.observationSpace().requireDiscrete("MCTS on a table model (states are indices)");
            moves = spec.actionSpace().requireDiscrete("MCTS (a tree over discrete actions)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(spec.name() + ": " + e.getMessage(), e);
        }
        this.spec = spec;
        this.table = new TableModel(observations.n(), moves.n());
        this.model = new TableSearchModel(table, moves.n());
        this.discount = settings.discount();
        RandomRollouts rollouts = new RandomRollouts(model, config.rolloutDepth(), config.rolloutsPerLeaf(), settings.discount(),
                settings.seed() ^ 0x6a09e667L);
        this.values = config.valueMix() > 0 ? new ValueTable(observations.n(), rollouts, config.valueMix()) : null;
        this.mcts = new Mcts(model, values != null ? values : rollouts, null, settings);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** @return the table model the agent has learnt (live) */
    public TableModel model() {
        return table;
    }

    /** @return the search (live; for drawing and tests) */
    public Mcts search() {
        return mcts;
    }

    @Override
    public void beginEpisode(float[] obs) {
        mcts.clear();
        planMillis.clear();
        episodeSimulations = 0;
    }

    @Override
    public void act(float[] obs, float[] action) {
        long start = System.nanoTime();
        long before = mcts.simulationsRun();
        if (values != null && tableChanged) {
            values.solve(model, discount);
            tableChanged = false;
        }
        action[0] = mcts.search(obs);
        episodeSimulations += mcts.simulationsRun() - before;
        planMillis.add((System.nanoTime() - start) / 1e6);
    }

    @Override
    public void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated) {
        int s = (int) obs[0];
        int a = (int) action[0];
        tableChanged |= !table.tried(s, a) || table.next(s, a) != (int) nextObs[0] || table.reward(s, a) != reward
                || table.terminal(s, a) != terminated;
        table.update(s, a, reward, (int) nextObs[0], terminated);
        if (!terminated && !truncated) {
            reached[0] = nextObs[0];
            mcts.advance((int) action[0], reached);
        }
    }

    @Override
    public void endEpisode() {
        last = new LearnerStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, mcts.simulationsRun(), episodeSimulations,
                0, 0, 0);
    }

    @Override
    public EpisodeStats episodeStats() {
        return new EpisodeStats(true, 0, Double.NaN, List.copyOf(planMillis), last);
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }
}
