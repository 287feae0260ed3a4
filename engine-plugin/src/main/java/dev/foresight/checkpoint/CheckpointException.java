package dev.foresight.checkpoint;

/**
 * A checkpoint that cannot be used: unreadable, corrupt, of another format, or written by a run
 * with other settings. The message names the file or entry and what to do.
 */
public final class CheckpointException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause the underlying error
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
