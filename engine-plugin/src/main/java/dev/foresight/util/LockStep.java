package dev.foresight.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed crew of threads that run rounds of work in lock-step: {@link #run(IntConsumer)} calls
 * {@code task.accept(part)} for every part {@code 0..parts−1} at once — part 0 on the calling
 * thread, part p ≥ 1 always on the same worker thread p — and returns when all have finished.
 * For work that is bound to a thread (physics scenes) or that should stay on one (a model session
 * per shard), repeated many times per second.
 *
 * <p>Waiting spins for up to {@link #DEFAULT_SPIN_NANOS} and only then parks. On this project's
 * 2-core virtual machines a parked thread took 50–70 µs to wake, and when the scheduler queued the
 * woken thread behind the busy waker on the same core, several milliseconds (a time slice): with a
 * 50 µs spin, 3% of the {@code realtime} planning calls took 8–15 ms instead of 5; with 1 ms, p99
 * fell to 6.5–7 ms. A spinning thread sees the next round within a microsecond. Between bursts of
 * rounds (e.g. between planning calls in a game) the workers spin for at most 1 ms, then park and
 * cost nothing. A crew made {@code yielding} calls {@link Thread#yield()} while it spins instead of
 * only hinting the processor: a waiting thread then hands its core to any other runnable thread (a
 * game's render thread, the shard it waits for) rather than burning the slice that thread needs.
 *
 * <p>Threading: rounds must not overlap (one thread at a time calls {@code run}); any thread may
 * be the caller. Writes made by the caller before {@code run} are visible to every part, and the
 * parts' writes are visible to the caller when {@code run} returns. Workers are daemon threads.
 */
public final class LockStep implements AutoCloseable {
    /** How long a waiting thread spins before parking, unless told otherwise (in nanoseconds). */
    public static final long DEFAULT_SPIN_NANOS = 1_000_000L;

    private final int parts;
    private final long spinNanos;
    private final boolean yielding;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    // Park flags (Dekker-style with the volatile generation / pending): a thread announces it is
    // about to sleep, re-checks its condition, then parks; the other side unparks only sleepers.
    private final AtomicIntegerArray workerParked;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    // The current round, published to the workers by the volatile write of `generation`.
    private IntConsumer task;
    private Thread caller;
    private boolean stopping;
    private volatile int generation;
    private volatile boolean callerParked;
    private boolean closed;

    /**
     * Starts the workers (parts 1..parts−1), which wait for the first round, spinning for
     * {@link #DEFAULT_SPIN_NANOS} before parking.
     *
     * @param threadName the workers' name prefix (a dash and the part number are appended)
     * @param parts the number of parts, the caller's included (&ge;1)
     */
    public LockStep(String threadName, int parts) {
        this(threadName, parts, DEFAULT_SPIN_NANOS);
    }

    /**
     * Starts the workers (parts 1..parts−1), which wait for the first round.
     *
     * @param threadName the workers' name prefix (a dash and the part number are appended)
     * @param parts the number of parts, the caller's included (&ge;1)
     * @param spinNanos how long a waiting thread spins before parking (in nanoseconds, &ge;0)
     */
    public LockStep(String threadName, int parts, long spinNanos) {
        this(threadName, parts, spinNanos, false);
    }

    /**
     * Starts the workers (parts 1..parts−1), which wait for the first round.
     *
     * @param threadName the workers' name prefix (a dash and the part number are appended)
     * @param parts the number of parts, the caller's included (&ge;1)
     * @param spinNanos how long a waiting thread spins before parking (in nanoseconds, &ge;0)
     * @param yielding whether a spinning thread yields its core to other runnable threads
     */
    public LockStep(String threadName, int parts, long spinNanos, boolean yielding) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        }
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spinNanos must be >= 0, got " + spinNanos);
        }
        this.parts = parts;
        this.spinNanos = spinNanos;
        this.yielding = yielding;
        this.workerParked = new AtomicIntegerArray(Math.max(1, parts - 1));
        int startGeneration = generation;
        for (int p = 1; p < parts; p++) {
            int part = p;
            Thread worker = new Thread(() -> workerLoop(part, startGeneration), threadName + "-" + p);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** @return the number of parts, the caller's included */
    public int parts() {
        return parts;
    }

    /**
     * Runs one round: {@code task.accept(p)} for every part p, part 0 on this thread.
     *
     * @param task the round's work (called concurrently, once per part)
     * @throws IllegalStateException if this crew is closed
     * @throws RuntimeException the first exception or error a part threw (after every part finished)
     */
    public void run(IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("this lock-step crew is closed");
        }
        round(task, false);
    }

    private void round(IntConsumer work, boolean stop) {
        this.task = work;
        this.stopping = stop;
        this.caller = Thread.currentThread();
        failure.set(null);
        pending.set(parts - 1);
        generation++;
        for (int w = 0; w < workers.size(); w++) {
            if (workerParked.get(w) != 0) { // unpark only a sleeping worker: a spinning one sees the generation
                LockSupport.unpark(workers.get(w));
            }
        }
        if (work != null) {
            runPart(work, 0);
        }
        awaitWorkers();
        Throwable cause = failure.getAndSet(null);
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause != null) {
            throw new IllegalStateException(cause);
        }
    }

    private void runPart(IntConsumer work, int part) {
        try {
            work.accept(part);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private void awaitWorkers() {
        long spinUntil = System.nanoTime() + spinNanos;
        int spins = 0;
        while (pending.get() > 0) {
            if ((++spins & 63) != 0 || System.nanoTime() < spinUntil) {
                spinOnce();
            } else {
                callerParked = true;
                if (pending.get() > 0) {
                    LockSupport.park(this);
                }
                callerParked = false;
            }
        }
    }

    private void spinOnce() {
        if (yielding) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    private void workerLoop(int part, int startGeneration) {
        int seen = startGeneration;
        while (true) {
            long spinUntil = System.nanoTime() + spinNanos;
            int spins = 0;
            while (generation == seen) {
                if ((++spins & 63) != 0 || System.nanoTime() < spinUntil) {
                    spinOnce();
                } else {
                    workerParked.set(part - 1, 1);
                    if (generation == seen) {
                        LockSupport.park(this);
                    }
                    workerParked.set(part - 1, 0);
                }
            }
            seen = generation;
            IntConsumer work = task;
            boolean stop = stopping;
            Thread waiting = caller;
            if (work != null) {
                runPart(work, part);
            }
            if (pending.decrementAndGet() == 0 && callerParked) {
                LockSupport.unpark(waiting);
            }
            if (stop) {
                return;
            }
        }
    }

    /**
     * Runs a last round of {@code finalTask} (e.g. closing what each part owns), then stops the
     * workers. Idempotent; later {@link #run} calls throw.
     *
     * @param finalTask work for every part before stopping, or null
     * @throws RuntimeException the first exception a part threw in the final round (the workers stop anyway)
     */
    public void close(IntConsumer finalTask) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            round(finalTask, true);
        } finally {
            for (Thread worker : workers) {
                try {
                    worker.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /** Stops the workers. Idempotent. */
    @Override
    public void close() {
        close(null);
    }
}
