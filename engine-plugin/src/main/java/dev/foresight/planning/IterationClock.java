package dev.foresight.planning;

/**
 * Keeps an anytime optimiser within its time budget: a new iteration starts only if one as long as
 * the last still ends by the deadline, so the budget is an upper bound rather than the time after
 * which the last iteration may still start. Not thread-safe; one per optimisation.
 */
final class IterationClock {
    private final long deadlineNanos;
    private long iterationStart;

    /** @param deadlineNanos a {@link System#nanoTime()} by which to finish; 0 for none */
    IterationClock(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Call at the start of every iteration. */
    void iterationStarted() {
        iterationStart = System.nanoTime();
    }

    /** @return whether another iteration, as long as the last, would end by the deadline */
    boolean anotherFits() {
        if (deadlineNanos == 0) {
            return true;
        }
        long now = System.nanoTime();
        return now + (now - iterationStart) <= deadlineNanos;
    }
}
