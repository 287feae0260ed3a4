package dev.foresight.env;

/**
 * What {@link VectorEnvironment} and {@link AsyncVectorEnvironment} share: N environments split
 * into {@code threads} contiguous blocks, each bound to its thread for its whole life (thread t
 * owns environments {@code [t·N/threads, (t+1)·N/threads)}; Minie binds a space to the thread that
 * created it, its native callbacks use that thread's JNI environment); thread 0 is the caller's,
 * the thread that constructs the object and must make every call. Also the checks on counts,
 * specs and the calling thread, and the getters of the results handed out last: one row per
 * environment of the last call, rows as in {@link #observations()}.
 */
abstract sealed class AbstractVectorEnvironment implements AutoCloseable
        permits VectorEnvironment, AsyncVectorEnvironment {
    final int numEnvs;
    final int threads;
    final Thread owner;
    /** Environment i, created, used and closed only on thread {@code blockOf(i)}. */
    final Environment[] envs;
    /** Set by {@link #adoptCommonSpec()} once the environments exist. */
    EnvSpec spec;
    int obsDim;
    int actionDim;
    boolean closed;

    /**
     * @param numEnvs number of environments (&ge;1)
     * @param threads number of threads including the caller's (1..numEnvs)
     * @throws IllegalArgumentException if a count is out of range
     */
    AbstractVectorEnvironment(int numEnvs, int threads) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("numEnvs must be >= 1, got " + numEnvs);
        }
        if (threads < 1 || threads > numEnvs) {
            throw new IllegalArgumentException("threads must be in [1, numEnvs=" + numEnvs + "], got " + threads);
        }
        this.numEnvs = numEnvs;
        this.threads = threads;
        this.owner = Thread.currentThread();
        this.envs = new Environment[numEnvs];
    }

    /** @return the rows of the results handed out last */
    abstract StepRows shown();

    /**
     * Marks this closed, stops the workers and closes every environment created so far on its own
     * thread (called once, also when construction fails).
     */
    abstract void closeEnvironments();

    /**
     * Stops the workers and closes every environment on its own thread. Idempotent.
     *
     * @throws RuntimeException the first exception an environment threw while closing
     */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        checkOwner();
        closeEnvironments();
    }

    /** @return the spec shared by every environment */
    public final EnvSpec spec() {
        return spec;
    }

    /** @return the number of environments */
    public final int numEnvs() {
        return numEnvs;
    }

    /** @return the number of threads stepping them, the caller's included */
    public final int threads() {
        return threads;
    }

    /**
     * @return observations of the last call, {@code [rows × obsDim]}: all environments in order
     *         for {@link VectorEnvironment}, the batch's for {@link AsyncVectorEnvironment}; rows
     *         whose episode just ended hold the next episode's first observation
     */
    public final float[] observations() {
        return shown().observations;
    }

    /** @return rewards of the last call, {@code [rows]} (0 right after a reset) */
    public final float[] rewards() {
        return shown().rewards;
    }

    /** @return which rows terminated in the last call, {@code [rows]} */
    public final boolean[] terminated() {
        return shown().terminated;
    }

    /** @return which rows were truncated in the last call, {@code [rows]} */
    public final boolean[] truncated() {
        return shown().truncated;
    }

    /** @return which rows' physics blew up in the last call, {@code [rows]} */
    public final boolean[] physicsFailure() {
        return shown().physicsFailure;
    }

    /**
     * @return the last observation of each episode that ended in the last call,
     *         {@code [rows × obsDim]}; other rows are stale
     */
    public final float[] finalObservations() {
        return shown().finalObservations;
    }

    /**
     * Checks that every environment has environment 0's spec and adopts it.
     *
     * @throws IllegalArgumentException if two specs differ
     */
    final void adoptCommonSpec() {
        EnvSpec common = envs[0].spec();
        for (Environment env : envs) {
            EnvSpec own = env.spec();
            if (!own.name().equals(common.name()) || own.obsDim() != common.obsDim()
                    || own.actionDim() != common.actionDim()) {
                throw new IllegalArgumentException("all environments of a vector must share one spec; got "
                        + common.name() + " and " + own.name());
            }
        }
        spec = common;
        obsDim = common.obsDim();
        actionDim = common.actionDim();
    }

    /** @return the index of the first environment thread {@code part} owns */
    final int first(int part) {
        return (int) ((long) part * numEnvs / threads);
    }

    /**
     * Closes the environments of thread {@code part}'s block created so far; call on that thread.
     *
     * @return the first exception one threw, or null
     */
    final Throwable closeBlock(int part) {
        Throwable failure = null;
        for (int i = first(part); i < first(part + 1); i++) {
            if (envs[i] != null) {
                try {
                    envs[i].close();
                } catch (RuntimeException | Error e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        return failure;
    }

    /** @throws IllegalStateException unless called on the creating thread of an open vector */
    final void checkOpen() {
        checkOwner();
        if (closed) {
            throw new IllegalStateException("this vector environment is closed");
        }
    }

    /** @throws IllegalStateException unless called on the creating thread */
    final void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a " + getClass().getSimpleName() + " must be used from the thread"
                    + " that created it ('" + owner.getName() + "'), not '" + Thread.currentThread().getName() + "'");
        }
    }

    /** Rethrows a failure as it is when unchecked, wrapped otherwise; does nothing for null. */
    static void rethrow(Throwable failure, String context) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(context, failure);
        }
    }
}
