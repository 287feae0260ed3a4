package dev.foresight.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LockStepTest {
    @Test
    void everyPartRunsOnceARoundAlwaysOnItsOwnThread() {
        int parts = 3;
        Thread[] firstRound = new Thread[parts];
        long[] sums = new long[parts];
        try (LockStep crew = new LockStep("test-crew", parts)) {
            crew.run(p -> firstRound[p] = Thread.currentThread());
            assertSame(Thread.currentThread(), firstRound[0], "part 0 runs on the caller's thread");
            assertNotSame(firstRound[1], firstRound[2]);
            for (int round = 1; round <= 1000; round++) {
                int r = round;
                crew.run(p -> {
                    if (Thread.currentThread() != firstRound[p]) {
                        throw new AssertionError("part " + p + " moved to another thread");
                    }
                    sums[p] += r; // plain writes: visible to the caller when run returns
                });
            }
        }
        long expected = 1000L * 1001 / 2;
        assertArrayEquals(new long[] {expected, expected, expected}, sums);
    }

    @Test
    void aFailingPartIsRethrownAfterEveryPartFinished() {
        AtomicInteger finished = new AtomicInteger();
        try (LockStep crew = new LockStep("test-crew", 2, 0)) { // parks at once: exercises the wake-ups
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> crew.run(p -> {
                if (p == 1) {
                    throw new IllegalStateException("part 1 failed");
                }
                sleep(20);
                finished.incrementAndGet();
            }));
            assertEquals("part 1 failed", thrown.getMessage());
            assertEquals(1, finished.get());
            crew.run(p -> finished.incrementAndGet()); // still usable
            assertEquals(3, finished.get());
        }
    }

    @Test
    void closeRunsTheFinalTaskOnEveryPartThenStopsTheWorkers() {
        Thread[] threads = new Thread[2];
        AtomicInteger closedParts = new AtomicInteger();
        LockStep crew = new LockStep("test-crew", 2);
        crew.run(p -> threads[p] = Thread.currentThread());
        crew.close(p -> closedParts.incrementAndGet());
        assertEquals(2, closedParts.get());
        assertTrue(!threads[1].isAlive(), "the worker stopped");
        assertThrows(IllegalStateException.class, () -> crew.run(p -> { }));
        crew.close(); // idempotent
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new LockStep("x", 0));
        assertThrows(IllegalArgumentException.class, () -> new LockStep("x", 2, -1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
