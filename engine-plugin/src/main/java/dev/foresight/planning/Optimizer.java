package dev.foresight.planning;

import dev.foresight.checkpoint.Checkpointable;
/**
 * A black-box optimiser of action sequences within per-dimension bounds. Anytime: it always
 * finishes at least one iteration, then starts another only if it is expected to end by the deadline.
 *
 * <p>Checkpoints: an optimiser keeps nothing between calls but its random stream, which it saves.
 *
 * <p>Threading: not thread-safe; its buffers are reused between calls.
 */
public interface Optimizer extends Checkpointable {
    /**
     * @param objective scores candidates (not null)
     * @param initialMean the starting solution, {@code [horizon × actionDim]} (unaffected), e.g.
     *                    the previous plan shifted by the steps executed
     * @param deadlineNanos a {@link System#nanoTime()} by which to finish: a new iteration starts only if one as
     *                      long as the last still ends by then (the first always runs); 0 for none
     * @param best storage for the best sequence found, {@code [horizon × actionDim]} (modified)
     * @return what the optimisation did
     */
    Result optimize(SequenceObjective objective, float[] initialMean, long deadlineNanos, float[] best);

    /**
     * Puts sequences into every iteration's population of the next calls in place of sampled
     * candidates (a policy's plans: {@link PolicyPrior}); at most {@code population − 1} are used.
     *
     * @param sequences {@code [n × horizon × actionDim]} within the bounds (unaffected)
     * @param n how many (0: none)
     */
    void setSeeds(float[] sequences, int n);

    /** @return candidates scored per iteration */
    int population();

    /**
     * @param bestScore the objective's value of the returned sequence
     * @param iterations iterations completed
     */
    record Result(float bestScore, int iterations) {
    }
}
