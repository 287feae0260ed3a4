package dev.foresight.planning;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IterationClockTest {
    @Test
    void anotherIterationStartsOnlyIfItWouldEndByTheDeadline() throws Exception {
        IterationClock none = new IterationClock(0);
        none.iterationStarted();
        assertTrue(none.anotherFits(), "no deadline");

        IterationClock far = new IterationClock(System.nanoTime() + 60_000_000_000L);
        far.iterationStarted();
        assertTrue(far.anotherFits(), "a minute left");

        long start = System.nanoTime();
        IterationClock tight = new IterationClock(start + 30_000_000L); // 30 ms
        tight.iterationStarted();
        Thread.sleep(20); // an iteration of >= 20 ms: another would end after the deadline
        assertFalse(tight.anotherFits());
    }
}
