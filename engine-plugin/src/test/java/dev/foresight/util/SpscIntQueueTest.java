package dev.foresight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpscIntQueueTest {
    @Test
    void keepsOrderAndRefusesWhenFull() {
        SpscIntQueue queue = new SpscIntQueue(3); // rounded up to 4
        assertTrue(queue.isEmpty());
        assertEquals(SpscIntQueue.EMPTY, queue.poll());
        for (int v = 0; v < 4; v++) {
            assertTrue(queue.offer(v * 10));
        }
        assertFalse(queue.offer(99));
        assertEquals(0, queue.poll());
        assertTrue(queue.offer(40));
        for (int v = 1; v <= 4; v++) {
            assertEquals(v * 10, queue.poll());
        }
        assertTrue(queue.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> queue.offer(-1));
        assertThrows(IllegalArgumentException.class, () -> new SpscIntQueue(0));
    }

    @Test
    void handsValuesAndTheWritesBeforeThemToAnotherThreadInOrder() throws Exception {
        int count = 200_000;
        int[] payload = new int[count];
        SpscIntQueue queue = new SpscIntQueue(16);
        Thread producer = new Thread(() -> {
            for (int v = 0; v < count; v++) {
                payload[v] = v * 3 + 1; // a plain write published by offer
                while (!queue.offer(v)) {
                    Thread.onSpinWait();
                }
            }
        });
        producer.start();
        for (int expected = 0; expected < count; ) {
            int v = queue.poll();
            if (v == SpscIntQueue.EMPTY) {
                Thread.onSpinWait();
                continue;
            }
            assertEquals(expected, v);
            assertEquals(expected * 3 + 1, payload[v]);
            expected++;
        }
        producer.join();
        assertTrue(queue.isEmpty());
    }
}
