package dev.foresight.env;

import java.util.Locale;
import java.util.Objects;

/**
 * A continuous-control environment with its one-dimensional action box cut into {@code k} evenly
 * spaced levels from its low to its high bound (e.g. cart-pole's force in {−1, 0, +1}): the same
 * task for agents that choose among discrete actions (tree search, MuZero). Action {@code i} is
 * applied as {@code low + i·(high − low)/(k − 1)}; the spec's reward and termination functions take
 * the indices and score the levels, so that imagined transitions are scored as the real ones.
 *
 * <p>The name is the wrapped one plus {@code "-discrete"}. Threading: as the wrapped environment
 * (the reward function wrapper may be called from several threads).
 */
public final class DiscreteActions implements Environment {
    private final Environment inner;
    private final float[] levels;
    private final EnvSpec spec;
    private final DiscreteSpace choices;
    private final float[] applied = new float[1];

    /**
     * @param inner the environment (not null; closed with this one, or at once if refused); its actions a
     *              bounded box of one component
     * @param count the number of levels k (&ge;2)
     * @throws IllegalArgumentException naming the environment if its actions are not a bounded
     *         one-component box, or {@code count} is below 2
     */
    public DiscreteActions(Environment inner, int count) {
        Objects.requireNonNull(inner, "inner");
        EnvSpec wrapped = inner.spec();
        BoxSpace box;
        try {
            box = wrapped.continuousActions("discretised actions");
            box.requireBounded("discretised actions");
            if (box.dim() != 1 || count < 2) {
                throw new IllegalArgumentException(wrapped.name() + ": discretised actions need a one-component action box"
                        + " and at least 2 levels, got " + box.dim() + " components and " + count + " levels");
            }
        } catch (IllegalArgumentException e) {
            inner.close(); // it was given to this object, which will not exist
            throw e;
        }
        this.inner = inner;
        this.levels = levels(box, count);
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = String.format(Locale.ROOT, "%s %+.2f", box.name(0), levels[i]);
        }
        RewardFunction reward = wrapped.rewardFunction();
        TerminationFunction termination = wrapped.terminationFunction();
        ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[1][0]);
        RewardFunction scored = (obs, action, next, batch, rewards) ->
                reward.reward(obs, continuous(action, batch, scratch.get()), next, batch, rewards);
        TerminationFunction ended = (obs, action, next, batch, terminated) ->
                termination.terminated(obs, continuous(action, batch, scratch.get()), next, batch, terminated);
        this.choices = new DiscreteSpace(box.name(0), names);
        this.spec = new EnvSpec(wrapped.name() + "-discrete", wrapped.observationSpace(), choices,
                wrapped.maxEpisodeSteps(), wrapped.controlPeriodSeconds(), scored, ended);
    }

    /**
     * @param box a bounded box of one component
     * @param count levels (&ge;2)
     * @return {@code count} evenly spaced values from the lower to the upper bound
     */
    public static float[] levels(BoxSpace box, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = box.low(0) + i * (box.high(0) - box.low(0)) / (count - 1);
        }
        return values;
    }

    /** The levels of {@code batch} action indices, in a per-thread buffer. */
    private float[] continuous(float[] indices, int batch, float[][] buffer) {
        if (buffer[0].length < batch) {
            buffer[0] = new float[batch];
        }
        for (int i = 0; i < batch; i++) { // padding rows of a batched model call may hold anything: clamp
            buffer[0][i] = levels[Math.max(0, Math.min(levels.length - 1, (int) indices[i]))];
        }
        return buffer[0];
    }

    /** @return the level applied for each action index (a copy) */
    public float[] levels() {
        return levels.clone();
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public float[] reset(long seed) {
        return inner.reset(seed);
    }

    @Override
    public float[] reset() {
        return inner.reset();
    }

    @Override
    public StepResult step(float[] action) {
        if (action.length != 1) {
            throw new IllegalArgumentException(spec.name() + " takes one action value (a level index), got " + action.length);
        }
        applied[0] = levels[choices.index(spec.name() + " action", action[0])];
        return inner.step(applied);
    }

    @Override
    public void close() {
        inner.close();
    }
}
