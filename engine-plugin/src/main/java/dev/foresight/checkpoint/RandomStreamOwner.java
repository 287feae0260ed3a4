package dev.foresight.checkpoint;

import dev.foresight.util.RandomStream;

/**
 * Something whose only state between calls is one random stream (an optimiser, a rollout engine,
 * a random policy): its checkpoint is that stream's state, saved as {@code random}.
 */
public interface RandomStreamOwner extends Checkpointable {
    /** @return the stream this object draws from — for its checkpoint; draw from it only through the object */
    RandomStream randomStream();

    /** Saves the stream's state. */
    @Override
    default void saveState(Checkpoint out) {
        out.putStream("random", randomStream());
    }

    /** Puts the stream back where it was saved. */
    @Override
    default void restoreState(Checkpoint in) {
        in.restoreStream("random", randomStream());
    }
}
