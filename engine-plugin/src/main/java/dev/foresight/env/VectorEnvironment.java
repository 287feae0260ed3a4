package dev.foresight.env;

import dev.foresight.util.LockStep;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * N environments stepped in parallel, Gymnasium's vector semantics with same-step autoreset: when
 * environment i ends an episode, its final observation is kept in {@link #finalObservations()} and
 * row i of the returned observations is already the first observation of its next episode.
 *
 * <p>Threads: the environments are split into {@code threads} contiguous blocks (thread t owns
 * environments {@code [t·N/threads, (t+1)·N/threads)} and writes its results into buffers of its
 * own, copied out after each call); each environment is created, stepped and closed on its block's
 * thread for its whole life (Minie binds a space to the thread that created it: its native
 * callbacks use that thread's JNI environment). Thread 0 is the caller's own thread — the one that
 * constructs this object, which must also make every other call — and threads 1… are the workers
 * of a {@link LockStep} crew started here (they spin for up to 1 ms between calls, then park).
 * Because every scene keeps its thread and its seed ({@code seed + i}), results are bit-identical
 * whatever the number of threads. Every call waits for the slowest block.
 *
 * <p>Arrays are row-major: observations {@code [numEnvs × obsDim]}, actions
 * {@code [numEnvs × actionDim]}. The arrays returned are owned by this object and overwritten by
 * the next call.
 */
public final class VectorEnvironment implements AutoCloseable {
    private enum Op { RESET, STEP }

    private final int numEnvs;
    private final int threads;
    private final Thread owner;
    private final Environment[] envs;
    private final EnvSpec spec;
    private final int obsDim;
    private final int actionDim;
    private final LockStep crew;
    /** The per-call work, made once (a method reference per call would allocate on every step). */
    private final IntConsumer partitionWork = this::runPartition;

    private final float[] observations;
    private final float[] finalObservations;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final boolean[] physicsFailure;
    /** Each thread's results, written only by that thread; allocated on it (see {@link Partition}). */
    private final Partition[] partitions;

    // The current call's arguments, published to the crew by LockStep.run.
    private Op op;
    private long seed;
    private float[] actions;
    private boolean closed;

    /**
     * Creates the environments, each on the thread that will step it, and starts the workers.
     *
     * @param factory makes environment i; called on that environment's thread (not null)
     * @param numEnvs number of environments (&ge;1)
     * @param threads number of threads including the caller's (1..numEnvs)
     * @throws IllegalArgumentException if the counts are out of range or the environments' specs differ
     */
    public VectorEnvironment(IntFunction<? extends Environment> factory, int numEnvs, int threads) {
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
        this.partitions = new Partition[threads];
        this.crew = new LockStep("foresight-vector-env", threads);
        try {
            crew.run(part -> createPartition(part, factory));
        } catch (RuntimeException | Error e) {
            try {
                closeEnvironments();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        this.spec = envs[0].spec();
        for (Environment env : envs) {
            if (!env.spec().name().equals(spec.name()) || env.spec().obsDim() != spec.obsDim()
                    || env.spec().actionDim() != spec.actionDim()) {
                closeEnvironments();
                throw new IllegalArgumentException("all environments of a vector must share one spec; got "
                        + spec.name() + " and " + env.spec().name());
            }
        }
        this.obsDim = spec.obsDim();
        this.actionDim = spec.actionDim();
        this.observations = new float[numEnvs * obsDim];
        this.finalObservations = new float[numEnvs * obsDim];
        this.rewards = new float[numEnvs];
        this.terminated = new boolean[numEnvs];
        this.truncated = new boolean[numEnvs];
        this.physicsFailure = new boolean[numEnvs];
    }

    /** @return the spec shared by every environment */
    public EnvSpec spec() {
        return spec;
    }

    /** @return the number of environments */
    public int numEnvs() {
        return numEnvs;
    }

    /** @return the number of threads stepping them, the caller's included */
    public int threads() {
        return threads;
    }

    /**
     * Resets environment i with seed {@code seed + i}.
     *
     * @param seed the base seed
     * @return first observations, {@code [numEnvs × obsDim]}
     */
    public float[] reset(long seed) {
        checkOwner();
        this.seed = seed;
        run(Op.RESET);
        return observations;
    }

    /**
     * Steps every environment once, resetting those whose episode ends.
     *
     * @param actions {@code [numEnvs × actionDim]} (unaffected)
     * @return next observations, {@code [numEnvs × obsDim]}; rows of finished episodes hold the next
     *         episode's first observation
     * @throws IllegalArgumentException if {@code actions} has the wrong length or an action is invalid
     */
    public float[] step(float[] actions) {
        checkOwner();
        if (actions == null || actions.length != numEnvs * actionDim) {
            throw new IllegalArgumentException("actions must have length numEnvs × actionDim = " + numEnvs + " × "
                    + actionDim + " = " + numEnvs * actionDim + ", got " + (actions == null ? "null" : actions.length));
        }
        this.actions = actions;
        run(Op.STEP);
        return observations;
    }

    /** @return rewards of the last step, {@code [numEnvs]} */
    public float[] rewards() {
        return rewards;
    }

    /** @return which environments terminated in the last step, {@code [numEnvs]} */
    public boolean[] terminated() {
        return terminated;
    }

    /** @return which environments were truncated in the last step, {@code [numEnvs]} */
    public boolean[] truncated() {
        return truncated;
    }

    /** @return which environments' physics blew up in the last step, {@code [numEnvs]} */
    public boolean[] physicsFailure() {
        return physicsFailure;
    }

    /**
     * @return the last observation of each episode that ended in the last step,
     *         {@code [numEnvs × obsDim]}; rows of running episodes are stale
     */
    public float[] finalObservations() {
        return finalObservations;
    }

    /** Closes every environment on its own thread and stops the workers. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkOwner();
        closeEnvironments();
    }

    /** Closes the environments created so far, each on its thread, and stops the crew. */
    private void closeEnvironments() {
        closed = true;
        crew.close(this::closePartition);
    }

    private void run(Op operation) {
        if (closed) {
            throw new IllegalStateException("this vector environment is closed");
        }
        op = operation;
        crew.run(partitionWork);
        for (Partition partition : partitions) {
            partition.gather(operation);
        }
    }

    /** @return the index of the first environment thread {@code part} owns */
    private int first(int part) {
        return (int) ((long) part * numEnvs / threads);
    }

    private void createPartition(int part, IntFunction<? extends Environment> factory) {
        for (int i = first(part); i < first(part + 1); i++) {
            envs[i] = factory.apply(i);
        }
        EnvSpec own = envs[first(part)].spec();
        partitions[part] = new Partition(first(part), first(part + 1) - first(part), own.obsDim(), own.actionDim());
    }

    private void runPartition(int part) {
        Partition mine = partitions[part];
        switch (op) {
            case RESET -> {
                for (int k = 0; k < mine.count; k++) {
                    int i = mine.first + k;
                    System.arraycopy(envs[i].reset(seed + i), 0, mine.observations, k * obsDim, obsDim);
                }
            }
            case STEP -> {
                float[] action = mine.action;
                for (int k = 0; k < mine.count; k++) {
                    int i = mine.first + k;
                    System.arraycopy(actions, i * actionDim, action, 0, actionDim);
                    StepResult result = envs[i].step(action);
                    mine.rewards[k] = result.reward();
                    mine.terminated[k] = result.terminated();
                    mine.truncated[k] = result.truncated();
                    mine.physicsFailure[k] = result.physicsFailure();
                    float[] next = result.observation();
                    if (result.done()) {
                        System.arraycopy(next, 0, mine.finalObservations, k * obsDim, obsDim);
                        next = envs[i].reset();
                    }
                    System.arraycopy(next, 0, mine.observations, k * obsDim, obsDim);
                }
            }
        }
    }

    private void closePartition(int part) {
        RuntimeException first = null;
        for (int i = first(part); i < first(part + 1); i++) {
            if (envs[i] != null) {
                try {
                    envs[i].close();
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * One thread's block of environments and its private result buffers. The buffers are
     * allocated on the owning thread and written only by it, so the threads never write to the
     * same cache line while stepping (false sharing); the caller's thread copies them into the
     * public arrays after every thread has finished.
     */
    private final class Partition {
        /** Spare elements after each buffer, keeping different threads' buffers off shared cache lines. */
        private static final int PAD_FLOATS = 32;

        final int first;
        final int count;
        final float[] observations;
        final float[] finalObservations;
        final float[] rewards;
        final boolean[] terminated;
        final boolean[] truncated;
        final boolean[] physicsFailure;
        final float[] action;

        Partition(int first, int count, int obsDim, int actionDim) {
            this.first = first;
            this.count = count;
            this.observations = new float[count * obsDim + PAD_FLOATS];
            this.finalObservations = new float[count * obsDim + PAD_FLOATS];
            this.rewards = new float[count + PAD_FLOATS];
            this.terminated = new boolean[count + 4 * PAD_FLOATS];
            this.truncated = new boolean[count + 4 * PAD_FLOATS];
            this.physicsFailure = new boolean[count + 4 * PAD_FLOATS];
            this.action = new float[actionDim]; // exact length: environments check it
        }

        /** Copies this block's results of the last call into the public arrays (caller's thread). */
        void gather(Op operation) {
            System.arraycopy(observations, 0, VectorEnvironment.this.observations, first * obsDim, count * obsDim);
            if (operation != Op.STEP) {
                return;
            }
            System.arraycopy(rewards, 0, VectorEnvironment.this.rewards, first, count);
            System.arraycopy(terminated, 0, VectorEnvironment.this.terminated, first, count);
            System.arraycopy(truncated, 0, VectorEnvironment.this.truncated, first, count);
            System.arraycopy(physicsFailure, 0, VectorEnvironment.this.physicsFailure, first, count);
            for (int k = 0; k < count; k++) {
                if (terminated[k] || truncated[k]) {
                    System.arraycopy(finalObservations, k * obsDim, VectorEnvironment.this.finalObservations,
                            (first + k) * obsDim, obsDim);
                }
            }
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a VectorEnvironment must be used from the thread that created it ('"
                    + owner.getName() + "'), not '" + Thread.currentThread().getName() + "'");
        }
    }

}
