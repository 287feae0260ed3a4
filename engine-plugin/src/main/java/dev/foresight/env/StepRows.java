package dev.foresight.env;

/**
 * Results of one control step for a block of environments, one row per environment in flat
 * row-major arrays, with Gymnasium's same-step autoreset: when an episode ends, the row's final
 * observation is kept in {@link #finalObservations} and its observation is already the first of the
 * next episode. Shared by the vector environments so that both step and reset alike.
 *
 * <p>Threading: none of its own. Each row is written by one thread at a time; whoever reads it
 * must get the writes published (the vector environments hand rows over through a barrier or a
 * queue).
 */
final class StepRows {
    final int obsDim;
    /** {@code [rows × obsDim]} */
    final float[] observations;
    /** {@code [rows × obsDim]}; a row is valid only where the episode just ended */
    final float[] finalObservations;
    /** {@code [rows]} */
    final float[] rewards;
    /** {@code [rows]} */
    final boolean[] terminated;
    /** {@code [rows]} */
    final boolean[] truncated;
    /** {@code [rows]} */
    final boolean[] physicsFailure;

    /**
     * @param rows number of rows (&ge;1)
     * @param obsDim observation size (&ge;1)
     * @param padding spare elements after each array, keeping arrays that different threads write
     *                off shared cache lines (0 when one thread writes them all)
     */
    StepRows(int rows, int obsDim, int padding) {
        this.obsDim = obsDim;
        this.observations = new float[rows * obsDim + padding];
        this.finalObservations = new float[rows * obsDim + padding];
        this.rewards = new float[rows + padding];
        this.terminated = new boolean[rows + 4 * padding];
        this.truncated = new boolean[rows + 4 * padding];
        this.physicsFailure = new boolean[rows + 4 * padding];
    }

    /**
     * Resets {@code env} and stores its first observation in {@code row}, with reward 0 and no flags.
     *
     * @param env the environment (called on its own thread)
     * @param seed the episode's seed
     * @param row the row to write
     */
    void reset(Environment env, long seed, int row) {
        System.arraycopy(env.reset(seed), 0, observations, row * obsDim, obsDim);
        rewards[row] = 0f;
        terminated[row] = false;
        truncated[row] = false;
        physicsFailure[row] = false;
    }

    /**
     * Steps {@code env} once, resetting it if the episode ends, and stores the results in {@code row}.
     *
     * @param env the environment (called on its own thread)
     * @param action {@code [actionDim]} (unaffected)
     * @param row the row to write
     * @param outcome the calling thread's scratch (modified): the step allocates nothing
     */
    void step(Environment env, float[] action, int row, StepOutcome outcome) {
        env.step(action, observations, row * obsDim, outcome);
        rewards[row] = outcome.reward();
        terminated[row] = outcome.terminated();
        truncated[row] = outcome.truncated();
        physicsFailure[row] = outcome.physicsFailure();
        if (outcome.done()) {
            System.arraycopy(observations, row * obsDim, finalObservations, row * obsDim, obsDim);
            System.arraycopy(env.reset(), 0, observations, row * obsDim, obsDim);
        }
    }

    /** Copies {@code count} rows from row {@code from} on into {@code dest} from row {@code destFrom} on. */
    void copyRows(int from, int count, StepRows dest, int destFrom) {
        for (int k = 0; k < count; k++) {
            copyRow(from + k, dest, destFrom + k);
        }
    }

    /**
     * Copies one row into {@code dest}'s row {@code destRow}, its final observation only where the
     * episode just ended (element by element: rows are short).
     */
    void copyRow(int row, StepRows dest, int destRow) {
        int from = row * obsDim;
        int to = destRow * obsDim;
        for (int d = 0; d < obsDim; d++) {
            dest.observations[to + d] = observations[from + d];
        }
        dest.rewards[destRow] = rewards[row];
        dest.terminated[destRow] = terminated[row];
        dest.truncated[destRow] = truncated[row];
        dest.physicsFailure[destRow] = physicsFailure[row];
        if (terminated[row] || truncated[row]) {
            for (int d = 0; d < obsDim; d++) {
                dest.finalObservations[to + d] = finalObservations[from + d];
            }
        }
    }
}
