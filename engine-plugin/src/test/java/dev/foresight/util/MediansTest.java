package dev.foresight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Medians.of(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, Medians.of(List.of(4.0, 1.0, 2.0, 3.0)));
        assertThrows(IllegalArgumentException.class, () -> Medians.of(List.of()));
    }

    @Test
    void ratiosArePairedWindowByWindow() {
        // Window 2 ran in a slow phase (both halved): each window's ratio is still 0.9.
        assertEquals(0.9, Medians.ofRatios(List.of(1.8, 0.9, 1.9), List.of(2.0, 1.0, 2.0 * 1.9 / 1.8)), 1e-12);
        // The median of the ratios (0.5, 9, 0.25), not the ratio of the medians (2 / 2).
        assertEquals(0.5, Medians.ofRatios(List.of(1.0, 9.0, 2.0), List.of(2.0, 1.0, 8.0)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Medians.ofRatios(List.of(1.0), List.of(1.0, 2.0)));
    }
}
