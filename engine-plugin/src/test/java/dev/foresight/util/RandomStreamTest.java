package dev.foresight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomStreamTest {
    @Test
    void drawsExactlyWhatSplittableRandomDraws() {
        for (long seed : new long[] {0, 1, -7, 0x5EEDL, Long.MAX_VALUE}) {
            SplittableRandom reference = new SplittableRandom(seed);
            RandomStream stream = new RandomStream(seed);
            for (int i = 0; i < 2_000; i++) {
                assertEquals(reference.nextLong(), stream.nextLong());
                assertEquals(reference.nextInt(), stream.nextInt());
                assertEquals(reference.nextInt(1 + i), stream.nextInt(1 + i));
                assertEquals(reference.nextInt(-i, 3 + i), stream.nextInt(-i, 3 + i));
                assertEquals(reference.nextLong(5L + i), stream.nextLong(5L + i));
                assertEquals(reference.nextDouble(), stream.nextDouble());
                assertEquals(reference.nextDouble(-2.5, 4.0), stream.nextDouble(-2.5, 4.0));
                assertEquals(reference.nextFloat(), stream.nextFloat());
                assertEquals(reference.nextBoolean(), stream.nextBoolean());
                assertEquals(reference.nextGaussian(), stream.nextGaussian());
                assertEquals(reference.nextExponential(), stream.nextExponential());
            }
            SplittableRandom referenceChild = reference.split();
            RandomStream child = stream.split();
            for (int i = 0; i < 100; i++) {
                assertEquals(referenceChild.nextLong(), child.nextLong());
                assertEquals(reference.nextGaussian(), stream.nextGaussian());
            }
        }
    }

    @Test
    void aRestoredStreamContinuesExactly() {
        RandomStream stream = new RandomStream(42).split();
        for (int i = 0; i < 17; i++) {
            stream.nextGaussian();
        }
        RandomStream copy = RandomStream.fromState(stream.state());
        for (int i = 0; i < 1_000; i++) {
            assertEquals(stream.nextLong(), copy.nextLong());
            assertEquals(stream.split().nextDouble(), copy.split().nextDouble());
        }
    }

    @Test
    void aStateThatCannotBeOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RandomStream.fromState(new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RandomStream.fromState(new long[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> RandomStream.fromState(null));
    }
}
