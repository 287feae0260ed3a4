package dev.foresight.env;

import dev.foresight.util.LockStep;
import dev.foresight.util.SpscIntQueue;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * N environments stepped asynchronously, in the manner of EnvPool (Weng et al. 2022):
 * {@link #send} hands actions to some environments and returns at once, and {@link #recv} returns
 * the next {@code batchSize} environments that have finished, whichever they are. Unlike
 * {@link VectorEnvironment}, no thread waits for the slowest one: each thread steps its scenes as
 * soon as their actions arrive, so throughput is that of free-running threads. Use it to collect
 * experience with a policy that acts on any subset of environments (random actions, a planner per
 * row); use {@link VectorEnvironment} where every step must cover all environments at once.
 *
 * <p>Protocol: {@link #reset(long)} resets every environment; each {@code recv()} then returns
 * {@code batchSize} environment ids whose results are in {@link #observations()} etc. (the first
 * observations after a reset, reward 0); {@code send(ids, actions)} gives actions to environments
 * that {@code recv()} returned and that have not been sent one since. Episodes autoreset as in
 * {@link VectorEnvironment}: a row whose episode ended holds the next episode's first observation,
 * and its last observation is in {@link #finalObservations()}.
 *
 * <p>Threads: environment i belongs to thread {@code t} when {@code t·N/threads ≤ i < (t+1)·N/threads}
 * and is created, stepped and closed there (Minie binds a space to the thread that created it).
 * Thread 0 is the caller's — the thread that constructs this object, which must make every call —
 * and its environments are stepped inside {@code recv()} while it waits; threads 1… are workers
 * that step theirs in the order their actions arrive, spinning for up to
 * {@link LockStep#DEFAULT_SPIN_NANOS} for more work, then parking. With {@code batchSize} at most
 * half of what a thread owns, a worker always has actions queued while the caller acts on a batch.
 *
 * <p>Determinism: environment i is reset with seed {@code seed + i} and its trajectory depends only
 * on that seed and the actions sent to it, so it is bit-identical to a {@link VectorEnvironment}
 * or a single environment given the same actions; which environments make up a batch depends on
 * timing. A policy that draws each environment's actions from a generator of its own is therefore
 * reproducible whatever the number of threads or the batch size.
 *
 * <p>Arrays are row-major; the arrays returned are owned by this object and overwritten by the
 * next {@code recv()}.
 */
public final class AsyncVectorEnvironment extends AbstractVectorEnvironment {
    /**
     * Longest a parked caller sleeps before looking again. Workers wake it without a memory fence
     * (which would cost every step), so a wake-up can be missed in a narrow race; it then sleeps
     * this long. It parks only after spinning {@link LockStep#DEFAULT_SPIN_NANOS} in vain.
     */
    private static final long CALLER_PARK_NANOS = 100_000L;
    private static final String BROKEN = "an environment failed (the cause); close this vector environment";
    private static final byte STEP = 0;
    private static final byte RESET = 1;

    private final int batchSize;
    private final int[] threadOf;
    private final String[] actionNames;
    /** What environment i is to do next, with its action or reset seed; written by the caller before queueing i. */
    private final byte[] op;
    private final float[] actions;
    private final long[] resetSeeds;
    /** Row i: environment i's latest results, written by its thread, read by the caller after it comes back. */
    private final StepRows envRows;
    /** The batch handed out by {@code recv()}. */
    private final StepRows batch;
    private final int[] batchIds;
    /** Work for thread t (index 0: the caller's own queue) and, for workers, what they finished. */
    private final SpscIntQueue[] todo;
    private final SpscIntQueue[] done;
    private final Thread[] workers;
    private final AtomicIntegerArray workerParked;
    private volatile boolean callerParked;
    /** The first exception an environment threw while stepping, and while closing. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<Throwable> closeFailure = new AtomicReference<>();
    /** The caller's thread's stepping buffers. */
    private final ThreadScratch ownScratch;

    // The caller's bookkeeping (caller's thread only).
    /** Environment i's results were handed out and it has not been sent an action since. */
    private final boolean[] awaitingAction;
    private final int[] sendStamp;
    private int stamp;
    /** Environments whose results are in {@link #envRows} but not yet handed out, oldest first (a ring). */
    private final int[] ready;
    private int readyHead;
    private int readyCount;
    /** Environments queued to a thread, or finished by a worker but not yet moved to {@link #ready}. */
    private int inFlight;

    /**
     * Creates the environments, each on the thread that will step it, and starts the workers.
     * Nothing is stepped until {@link #reset(long)}.
     *
     * @param factory makes environment i; called on that environment's thread (not null)
     * @param numEnvs number of environments (&ge;1)
     * @param threads number of threads including the caller's (1..numEnvs)
     * @param batchSize environments per {@code recv()} (1..numEnvs)
     * @throws IllegalArgumentException if a count is out of range or the environments' specs differ
     */
    public AsyncVectorEnvironment(IntFunction<? extends Environment> factory, int numEnvs, int threads, int batchSize) {
        super(numEnvs, threads);
        if (batchSize < 1 || batchSize > numEnvs) {
            throw new IllegalArgumentException("batchSize must be in [1, numEnvs=" + numEnvs + "], got " + batchSize);
        }
        this.batchSize = batchSize;
        this.threadOf = new int[numEnvs];
        for (int t = 0; t < threads; t++) {
            for (int i = first(t); i < first(t + 1); i++) {
                threadOf[i] = t;
            }
        }
        this.todo = new SpscIntQueue[threads];
        this.done = new SpscIntQueue[threads];
        for (int t = 0; t < threads; t++) {
            todo[t] = new SpscIntQueue(numEnvs + 1); // + the stop token
            done[t] = new SpscIntQueue(numEnvs);
        }
        this.workers = new Thread[threads];
        this.workerParked = new AtomicIntegerArray(threads);
        createEnvironments(factory);
        try {
            adoptCommonSpec();
        } catch (IllegalArgumentException e) {
            try {
                closeEnvironments();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        this.actionNames = new String[numEnvs];
        for (int i = 0; i < numEnvs; i++) {
            actionNames[i] = spec.name() + " environment " + i + " action";
        }
        this.op = new byte[numEnvs];
        this.actions = new float[numEnvs * actionDim];
        this.resetSeeds = new long[numEnvs];
        this.envRows = new StepRows(numEnvs, obsDim, 0);
        this.batch = new StepRows(batchSize, obsDim, 0);
        this.batchIds = new int[batchSize];
        this.ownScratch = new ThreadScratch(actionDim);
        this.awaitingAction = new boolean[numEnvs];
        this.sendStamp = new int[numEnvs];
        this.ready = new int[numEnvs];
    }

    /** @return the number of environments each {@code recv()} returns */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Resets every environment, environment i with seed {@code seed + i}; their first observations
     * come out of the following {@code recv()} calls. Work in flight is finished first and its
     * results are dropped.
     *
     * @param seed the base seed
     */
    public void reset(long seed) {
        checkUsable();
        while (inFlight > 0) {
            long since = System.nanoTime();
            while (!makeProgress()) {
                awaitWorkers(since);
            }
        }
        readyCount = 0;
        for (int i = 0; i < numEnvs; i++) {
            awaitingAction[i] = false;
            op[i] = RESET;
            resetSeeds[i] = seed + i;
            enqueue(i);
        }
        wakeWorkers();
    }

    /**
     * Gives actions to environments and returns at once; they are stepped in the background (the
     * caller's own ones during {@code recv()}). Checked before anything is queued: on an exception
     * nothing was sent.
     *
     * @param envIds the environments, each returned by {@code recv()} and not sent an action since
     *               (unaffected)
     * @param actions {@code [envIds.length × actionDim]}, row k for {@code envIds[k]}; out-of-range
     *                values are clipped to the action space (unaffected)
     * @throws IllegalArgumentException if the lengths disagree, an id is out of range or repeated,
     *                                  or an action contains NaN
     * @throws IllegalStateException if an environment is not awaiting an action, or this object is
     *                               closed or broken by an environment's failure
     */
    public void send(int[] envIds, float[] actions) {
        checkUsable();
        if (envIds == null || actions == null || actions.length != envIds.length * actionDim) {
            throw new IllegalArgumentException("actions must have length envIds.length × actionDim = "
                    + (envIds == null ? "null" : envIds.length) + " × " + actionDim + ", got "
                    + (actions == null ? "null" : actions.length));
        }
        stamp++;
        for (int k = 0; k < envIds.length; k++) {
            int id = envIds[k];
            if (id < 0 || id >= numEnvs) {
                throw new IllegalArgumentException("environment id " + id + " is out of range [0, " + numEnvs + ")");
            }
            if (sendStamp[id] == stamp) {
                throw new IllegalArgumentException("environment " + id + " appears twice in envIds");
            }
            sendStamp[id] = stamp;
            if (!awaitingAction[id]) {
                throw new IllegalStateException("environment " + id + " is not awaiting an action: send only to"
                        + " environments that recv() returned, once per recv()");
            }
            spec.actionSpace().checkAndClip(actionNames[id], actions, k * actionDim, this.actions, id * actionDim);
        }
        for (int id : envIds) {
            awaitingAction[id] = false;
            op[id] = STEP;
            enqueue(id);
        }
        wakeWorkers();
    }

    /**
     * Waits until {@code batchSize} environments have results, stepping the caller's own
     * environments meanwhile, and hands them out oldest first.
     *
     * @return the environments' ids, {@code [batchSize]}; their results are in the rows of
     *         {@link #observations()} etc. in the same order
     * @throws IllegalStateException if fewer than {@code batchSize} environments could ever have
     *                               results (send actions first), this object is closed, or an
     *                               environment failed (its exception is the cause)
     */
    public int[] recv() {
        checkUsable();
        while (readyCount < batchSize) {
            long since = System.nanoTime();
            while (!makeProgress()) {
                if (inFlight == 0) {
                    throw new IllegalStateException("recv() would wait forever: " + readyCount + " environment(s)"
                            + " have results and none is being stepped, but a batch is " + batchSize
                            + "; send actions to the environments recv() returned first");
                }
                awaitWorkers(since);
            }
        }
        for (int k = 0; k < batchSize; k++) {
            int id = ready[readyHead];
            readyHead = (readyHead + 1) % numEnvs;
            readyCount--;
            batchIds[k] = id;
            envRows.copyRow(id, batch, k);
            awaitingAction[id] = true;
        }
        return batchIds;
    }

    @Override
    StepRows shown() {
        return batch;
    }

    /**
     * Moves what the workers finished to the ready list, or steps one of the caller's own queued
     * environments.
     *
     * @return whether anything moved
     * @throws IllegalStateException if an environment failed
     */
    private boolean makeProgress() {
        boolean moved = false;
        for (int t = 1; t < threads; t++) {
            for (int id = done[t].poll(); id != SpscIntQueue.EMPTY; id = done[t].poll()) {
                inFlight--;
                addReady(id);
                moved = true;
            }
        }
        Throwable cause = failure.get();
        if (cause != null) {
            throw new IllegalStateException(BROKEN, cause);
        }
        if (moved) {
            return true;
        }
        int own = todo[0].poll();
        if (own == SpscIntQueue.EMPTY) {
            return false;
        }
        inFlight--;
        try {
            execute(own, ownScratch);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            throw new IllegalStateException(BROKEN, e);
        }
        addReady(own);
        return true;
    }

    private void addReady(int id) {
        ready[(readyHead + readyCount) % numEnvs] = id;
        readyCount++;
    }

    private void enqueue(int id) {
        inFlight++;
        todo[threadOf[id]].offer(id);
    }

    /** Unparks the workers that went to sleep (after the queue writes are globally visible). */
    private void wakeWorkers() {
        VarHandle.fullFence();
        for (int t = 1; t < threads; t++) {
            if (workerParked.get(t) != 0) {
                LockSupport.unpark(workers[t]);
            }
        }
    }

    /** Spins while waiting has lasted less than the spin time, then parks until a worker finishes something. */
    private void awaitWorkers(long sinceNanos) {
        if (System.nanoTime() - sinceNanos < LockStep.DEFAULT_SPIN_NANOS) {
            Thread.onSpinWait();
            return;
        }
        callerParked = true;
        VarHandle.fullFence();
        boolean anyDone = false;
        for (int t = 1; t < threads; t++) {
            anyDone |= !done[t].isEmpty();
        }
        if (!anyDone && failure.get() == null) {
            LockSupport.parkNanos(this, CALLER_PARK_NANOS);
        }
        callerParked = false;
    }

    /**
     * Does environment {@code id}'s queued operation on its own thread, writing row {@code id}.
     *
     * @param scratch the calling thread's own action and outcome buffers
     */
    private void execute(int id, ThreadScratch scratch) {
        if (op[id] == RESET) {
            envRows.reset(envs[id], resetSeeds[id], id);
        } else {
            System.arraycopy(actions, id * actionDim, scratch.action, 0, actionDim);
            envRows.step(envs[id], scratch.action, id, scratch.outcome);
        }
    }

    /** A thread's buffers for stepping: the action handed to an environment and its outcome. */
    private static final class ThreadScratch {
        final float[] action;
        final StepOutcome outcome = new StepOutcome();

        ThreadScratch(int actionDim) {
            this.action = new float[actionDim]; // exact length: environments check it
        }
    }

    private void workerLoop(int part) {
        ThreadScratch scratch = null; // made at the first job: the constructor may still be running
        SpscIntQueue mine = todo[part];
        long idleSince = System.nanoTime();
        while (true) {
            int id = mine.poll();
            if (id == SpscIntQueue.EMPTY) {
                if (System.nanoTime() - idleSince < LockStep.DEFAULT_SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    workerParked.set(part, 1);
                    VarHandle.fullFence();
                    if (mine.isEmpty()) {
                        LockSupport.park(this);
                    }
                    workerParked.set(part, 0);
                    idleSince = System.nanoTime();
                }
                continue;
            }
            if (id == numEnvs) { // the stop token
                return;
            }
            if (scratch == null) {
                scratch = new ThreadScratch(actionDim);
            }
            try {
                execute(id, scratch);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
            done[part].offer(id);
            if (callerParked) { // no fence: a wake-up missed in the race costs the caller one timed park
                LockSupport.unpark(owner);
            }
            idleSince = System.nanoTime();
        }
    }

    private void createEnvironments(IntFunction<? extends Environment> factory) {
        CountDownLatch created = new CountDownLatch(threads - 1);
        for (int t = 1; t < threads; t++) {
            int part = t;
            workers[t] = new Thread(() -> {
                try {
                    createBlock(part, factory);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    created.countDown();
                }
                if (failure.get() == null) {
                    workerLoop(part);
                }
                closeOwnBlock(part);
            }, "foresight-async-env-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        try {
            createBlock(0, factory);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
        try {
            created.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        }
        Throwable cause = failure.get();
        if (cause != null) {
            try {
                closeEnvironments();
            } catch (RuntimeException | Error suppressed) {
                cause.addSuppressed(suppressed);
            }
            rethrow(cause, "interrupted while creating the environments");
        }
    }

    private void createBlock(int part, IntFunction<? extends Environment> factory) {
        for (int i = first(part); i < first(part + 1); i++) {
            envs[i] = factory.apply(i);
        }
    }

    /** @throws IllegalStateException unless called on the creating thread of an open, unbroken vector */
    private void checkUsable() {
        checkOpen();
        Throwable cause = failure.get();
        if (cause != null) {
            throw new IllegalStateException(BROKEN, cause);
        }
    }

    /** Closes the environments of a block (on its thread), recording the first failure. */
    private void closeOwnBlock(int part) {
        Throwable cause = closeBlock(part);
        if (cause != null) {
            closeFailure.compareAndSet(null, cause);
        }
    }

    /** Stops the workers (each closes its block), closes the caller's block, and rethrows a close failure. */
    @Override
    void closeEnvironments() {
        closed = true;
        for (int t = 1; t < threads; t++) {
            todo[t].offer(numEnvs);
        }
        VarHandle.fullFence();
        for (int t = 1; t < threads; t++) {
            LockSupport.unpark(workers[t]);
        }
        closeOwnBlock(0);
        for (int t = 1; t < threads; t++) {
            try {
                workers[t].join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        rethrow(closeFailure.get(), "closing an environment failed");
    }
}
