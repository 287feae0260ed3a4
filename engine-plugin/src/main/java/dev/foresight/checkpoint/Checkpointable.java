package dev.foresight.checkpoint;

/**
 * Something whose learning state can be saved into a {@link Checkpoint} and restored from one, so
 * that it continues exactly (same draws, same updates) as if it had never stopped.
 *
 * <p>Threading: called between episodes on the owner's thread, never while it acts or learns.
 */
public interface Checkpointable {
    /**
     * Writes the state into {@code out} (names relative to the scope it was given).
     *
     * @param out where to write (not null)
     */
    void saveState(Checkpoint out);

    /**
     * Replaces the state by the one in {@code in}. The object must have been built with the same
     * settings as the one that saved it.
     *
     * @param in what {@link #saveState} wrote (not null)
     * @throws CheckpointException if an entry is missing or has the wrong size
     */
    void restoreState(Checkpoint in);
}
