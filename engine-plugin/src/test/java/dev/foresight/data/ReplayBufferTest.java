package dev.foresight.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.util.RandomStream;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    @Test
    void rejectsNonFiniteRowsAndCountsThem() {
        ReplayBuffer buffer = new ReplayBuffer(10, 2, 1);
        assertTrue(buffer.add(new float[] {1, 2}, new float[] {0}, 1f, new float[] {2, 3}, false, false));
        assertFalse(buffer.add(new float[] {Float.NaN, 2}, new float[] {0}, 1f, new float[] {2, 3}, false, false));
        assertFalse(buffer.add(new float[] {1, 2}, new float[] {0}, Float.POSITIVE_INFINITY, new float[] {2, 3}, false, false));
        assertFalse(buffer.add(new float[] {1, 2}, new float[] {Float.NaN}, 0f, new float[] {2, 3}, false, false));
        assertEquals(1, buffer.size());
        assertEquals(3, buffer.rejectedCount());
        assertThrows(IllegalArgumentException.class,
                () -> buffer.add(new float[] {1}, new float[] {0}, 0f, new float[] {2, 3}, false, false));
    }

    @Test
    void keepsTheNewestRowsInOrderWhenFull() {
        ReplayBuffer buffer = new ReplayBuffer(3, 1, 1);
        for (int i = 0; i < 5; i++) {
            buffer.add(new float[] {i}, new float[] {0}, i, new float[] {i + 1}, false, i == 4);
        }
        Transitions snapshot = buffer.snapshot();
        assertArrayEquals(new float[] {2, 3, 4}, snapshot.obs());
        assertArrayEquals(new boolean[] {false, false, true}, snapshot.truncated());
    }

    @Test
    void samplingIsSeeded() {
        ReplayBuffer buffer = new ReplayBuffer(100, 1, 1);
        for (int i = 0; i < 100; i++) {
            buffer.add(new float[] {i}, new float[] {0}, 0, new float[] {i}, false, false);
        }
        assertArrayEquals(buffer.sample(20, new RandomStream(4)), buffer.sample(20, new RandomStream(4)));
        int[][] a = ReplayBuffer.bootstrap(5, 100, new RandomStream(1));
        int[][] b = ReplayBuffer.bootstrap(5, 100, new RandomStream(1));
        for (int m = 0; m < 5; m++) {
            assertArrayEquals(a[m], b[m]);
        }
        assertFalse(java.util.Arrays.equals(a[0], a[1]), "members get different resamples");
    }
}
