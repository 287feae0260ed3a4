package dev.foresight.planning;

import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.model.DynamicsModel;

/**
 * A {@link SequenceObjective} that rolls candidates out through a learned model from a start state:
 * what an {@link MpcPlanner} optimises. Implemented by {@link ModelRollouts} (one thread) and
 * {@link ShardedRollouts} (the population split over threads).
 *
 * <p>Threading: one planning thread calls it; implementations may use their own workers inside.
 */
public interface RolloutObjective extends SequenceObjective, AutoCloseable, Checkpointable {
    /** @param obs the observation every rollout starts from, {@code [obsDim]} (unaffected) */
    void setStart(float[] obs);

    /** @return the observation rollouts start from, {@code [obsDim]} (a copy) */
    float[] start();

    /** @param model the model to plan with from now on (not null; same sizes; not closed by this object) */
    void setModel(DynamicsModel model);

    /** @return the model planned with */
    DynamicsModel model();

    /** Releases worker threads and model copies this objective made (never the caller's model). */
    @Override
    void close();
}
