package dev.foresight.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdaptiveHorizonTest {
    @Test
    void plansAsFarAsTheErrorStaysWithinTheBound() {
        AdaptiveHorizon adaptive = new AdaptiveHorizon(3, 6, 0.5);
        assertEquals(5, adaptive.choose(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}));
        assertEquals(6, adaptive.choose(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}), "capped at max");
        assertEquals(3, adaptive.choose(new double[] {0.9, 0.9, 0.9, 0.9, 0.9, 0.9}), "never below min");
        assertEquals(4, adaptive.choose(new double[] {0.1, 0.2, 0.3, 0.4, Double.NaN, 0.1}), "stops at the first unmeasured");
        assertEquals(3, adaptive.choose(new double[] {0.1, 0.7, 0.1, 0.1, 0.1, 0.1}), "every shorter horizon must be within");
    }

    @Test
    void parsesAndRejectsBadSettings() {
        assertEquals(new AdaptiveHorizon(5, 30, 0.5), AdaptiveHorizon.parse("5, 30, 0.5"));
        assertThrows(IllegalArgumentException.class, () -> AdaptiveHorizon.parse("5,30"));
        assertThrows(IllegalArgumentException.class, () -> AdaptiveHorizon.parse("a,b,c"));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveHorizon(10, 5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveHorizon(1, 5, 0));
    }
}
