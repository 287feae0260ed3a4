package dev.foresight.agent;

import dev.foresight.env.EnvSpec;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.planning.MpcPlanner;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.planning.Planners;

/**
 * Model-predictive decisions for a {@link LiveAgent}: an {@link MpcPlanner} over the newest exported
 * ensemble, created when the first model arrives and hot-swapped to every later one.
 *
 * <p>Action spaces: bounded boxes. Threading: the live agent's planner thread only.
 */
public final class MpcDecisions implements DecisionMaker<OnnxDynamicsModel> {
    private final EnvSpec spec;
    private final PlannerConfig config;
    private final long seed;
    private MpcPlanner planner;
    private OnnxDynamicsModel current;

    /**
     * @param spec the environment (not null; actions a bounded box)
     * @param config the planner (not null)
     * @param seed the planner's seed
     */
    public MpcDecisions(EnvSpec spec, PlannerConfig config, long seed) {
        spec.continuousActions("model-predictive control").requireBounded("model-predictive control");
        this.spec = spec;
        this.config = config;
        this.seed = seed;
    }

    @Override
    public boolean ready() {
        return planner != null;
    }

    @Override
    public void accept(OnnxDynamicsModel model) {
        if (planner == null) {
            planner = Planners.create(config, spec, model, seed);
        } else {
            planner.setModel(model);
        }
        if (current != null) {
            current.close();
        }
        current = model;
    }

    @Override
    public int horizon() {
        return config.horizon();
    }

    @Override
    public void reset() {
        planner.reset();
    }

    @Override
    public void advance(int steps) {
        planner.advance(steps);
    }

    @Override
    public void decide(float[] state, long budgetNanos, float[] plan) {
        planner.setState(state);
        planner.optimize(budgetNanos);
        System.arraycopy(planner.plan(), 0, plan, 0, plan.length);
    }

    @Override
    public boolean predictNext(float[] state, float[] action, float[] out) {
        if (planner == null) {
            return false;
        }
        planner.predictNext(state, action, out);
        return true;
    }

    @Override
    public Imagination imagine(float[] start, int candidates, int episode, int step) {
        if (planner == null || candidates <= 0) {
            return null;
        }
        float[][] others = planner.sampledCandidates(candidates);
        float[][] sequences = new float[others.length + 1][];
        sequences[0] = planner.plan();
        System.arraycopy(others, 0, sequences, 1, others.length);
        float[][][] futures = planner.imagine(sequences);
        float[][] drawn = new float[others.length][];
        for (int c = 0; c < others.length; c++) {
            drawn[c] = futures[c + 1][0];
        }
        return new Imagination(start.clone(), futures[0], drawn, episode, step);
    }

    @Override
    public void close() {
        if (planner != null) {
            planner.close();
        }
        if (current != null) {
            current.close();
        }
    }
}
