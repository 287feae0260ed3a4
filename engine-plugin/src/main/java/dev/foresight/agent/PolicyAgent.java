package dev.foresight.agent;

import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.CheckpointException;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.data.ReplayBuffer;
import dev.foresight.env.EnvSpec;
import dev.foresight.util.RandomStream;

/**
 * An agent that acts with a fixed {@link Policy} and never learns: the random baseline, or a
 * planner with a saved model ({@link MpcPolicy}, whose planning times it reports). Supports the
 * action spaces its policy supports.
 *
 * <p>Threading: as its policy.
 */
public final class PolicyAgent implements Agent, Checkpointable {
    private final EnvSpec spec;
    private final Policy policy;
    private final ReplayBuffer recording;

    /**
     * @param spec the environment's spec (not null)
     * @param policy chooses the actions (not null; an {@link MpcPolicy}'s planner is closed with this agent)
     */
    public PolicyAgent(EnvSpec spec, Policy policy) {
        this(spec, policy, null);
    }

    /**
     * @param spec the environment's spec (not null)
     * @param policy chooses the actions (not null; an {@link MpcPolicy}'s planner is closed with this agent)
     * @param recordTo receives every transition observed (null: none are kept)
     */
    public PolicyAgent(EnvSpec spec, Policy policy, ReplayBuffer recordTo) {
        this.spec = spec;
        this.policy = policy;
        this.recording = recordTo;
    }

    /** @return a uniformly random agent, seeded by {@code random} (box or discrete actions) */
    public static PolicyAgent random(EnvSpec spec, RandomStream random) {
        return new PolicyAgent(spec, new RandomPolicy(spec.actionSpace(), random));
    }

    /** @return the policy */
    public Policy policy() {
        return policy;
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public void beginEpisode(float[] obs) {
        policy.reset();
    }

    @Override
    public void act(float[] obs, float[] action) {
        policy.act(obs, action);
    }

    @Override
    public void observe(float[] obs, float[] action, float reward, float[] nextObs, boolean terminated, boolean truncated) {
        if (recording != null) {
            recording.add(obs, action, reward, nextObs, terminated, truncated);
        }
    }

    @Override
    public void endEpisode() {
    }

    @Override
    public EpisodeStats episodeStats() {
        if (policy instanceof MpcPolicy mpc) {
            return new EpisodeStats(true, mpc.planner().space().horizon(), Double.NaN, mpc.drainPlanMillis());
        }
        return EpisodeStats.NONE;
    }

    /**
     * Saves the policy's state (and the recording, if any).
     *
     * @throws CheckpointException if the policy's state cannot be saved (it is not {@link Checkpointable})
     */
    @Override
    public void saveState(Checkpoint out) {
        savablePolicy().saveState(out.scope("policy"));
        if (recording != null) {
            recording.saveState(out.scope("recording"));
        }
    }

    @Override
    public void restoreState(Checkpoint in) {
        savablePolicy().restoreState(in.scope("policy"));
        if (recording != null) {
            recording.restoreState(in.scope("recording"));
        }
    }

    private Checkpointable savablePolicy() {
        if (policy instanceof Checkpointable savable) {
            return savable;
        }
        throw new CheckpointException("a " + policy.getClass().getSimpleName() + " cannot save its state");
    }

    @Override
    public void close() {
        if (policy instanceof MpcPolicy mpc) {
            mpc.planner().close();
        }
    }

    @Override
    public String toString() {
        return "PolicyAgent[" + policy.getClass().getSimpleName() + " on " + spec.name() + "]";
    }
}
