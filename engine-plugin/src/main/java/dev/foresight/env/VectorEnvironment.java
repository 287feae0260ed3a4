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
 * whatever the number of threads. Every call waits for the slowest block: where that costs too
 * much (threads running at different speeds), {@link AsyncVectorEnvironment} steps the same
 * scenes without waiting.
 *
 * <p>Arrays are row-major: observations {@code [numEnvs × obsDim]}, actions
 * {@code [numEnvs × actionDim]}. The arrays returned are owned by this object and overwritten by
 * the next call.
 */
public final class VectorEnvironment extends AbstractVectorEnvironment {
    private enum Op { RESET, STEP }

    private final LockStep crew;
    /** The per-call work, made once (a method reference per call would allocate on every step). */
    private final IntConsumer partitionWork = this::runPartition;

    /** The results handed out, {@code numEnvs} rows, written by the caller's thread. */
    private final StepRows results;
    /** Each thread's results, written only by that thread; allocated on it (see {@link Partition}). */
    private final Partition[] partitions;

    // The current call's arguments, published to the crew by LockStep.run.
    private Op op;
    private long seed;
    private float[] actions;

    /**
     * Creates the environments, each on the thread that will step it, and starts the workers.
     *
     * @param factory makes environment i; called on that environment's thread (not null)
     * @param numEnvs number of environments (&ge;1)
     * @param threads number of threads including the caller's (1..numEnvs)
     * @throws IllegalArgumentException if the counts are out of range or the environments' specs differ
     */
    public VectorEnvironment(IntFunction<? extends Environment> factory, int numEnvs, int threads) {
        super(numEnvs, threads);
        this.partitions = new Partition[threads];
        this.crew = new LockStep("foresight-vector-env", threads);
        try {
            crew.run(part -> createPartition(part, factory));
            adoptCommonSpec();
        } catch (RuntimeException | Error e) {
            try {
                closeEnvironments();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        this.results = new StepRows(numEnvs, obsDim, 0);
    }

    /**
     * Resets environment i with seed {@code seed + i}.
     *
     * @param seed the base seed
     * @return first observations, {@code [numEnvs × obsDim]}
     */
    public float[] reset(long seed) {
        checkOpen();
        this.seed = seed;
        run(Op.RESET);
        return results.observations;
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
        checkOpen();
        if (actions == null || actions.length != numEnvs * actionDim) {
            throw new IllegalArgumentException("actions must have length numEnvs × actionDim = " + numEnvs + " × "
                    + actionDim + " = " + numEnvs * actionDim + ", got " + (actions == null ? "null" : actions.length));
        }
        this.actions = actions;
        run(Op.STEP);
        return results.observations;
    }

    @Override
    StepRows shown() {
        return results;
    }

    /** Closes the environments created so far, each on its thread, and stops the crew. */
    @Override
    void closeEnvironments() {
        closed = true;
        crew.close(part -> rethrow(closeBlock(part), "closing an environment failed"));
    }

    private void run(Op operation) {
        op = operation;
        crew.run(partitionWork);
        for (Partition partition : partitions) {
            partition.rows.copyRows(0, partition.count, results, partition.first);
        }
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
        for (int k = 0; k < mine.count; k++) {
            int i = mine.first + k;
            if (op == Op.RESET) {
                mine.rows.reset(envs[i], seed + i, k);
            } else {
                System.arraycopy(actions, i * actionDim, mine.action, 0, actionDim);
                mine.rows.step(envs[i], mine.action, k, mine.outcome);
            }
        }
    }

    /**
     * One thread's block of environments and its private result rows. The rows are allocated on
     * the owning thread and written only by it, with padding, so the threads never write to the
     * same cache line while stepping (false sharing); the caller's thread copies them into the
     * public rows after every thread has finished.
     */
    private static final class Partition {
        /** Spare elements after each array, keeping different threads' rows off shared cache lines. */
        private static final int PAD_FLOATS = 32;

        final int first;
        final int count;
        final StepRows rows;
        final float[] action;
        final StepOutcome outcome = new StepOutcome();

        Partition(int first, int count, int obsDim, int actionDim) {
            this.first = first;
            this.count = count;
            this.rows = new StepRows(count, obsDim, PAD_FLOATS);
            this.action = new float[actionDim]; // exact length: environments check it
        }
    }
}
