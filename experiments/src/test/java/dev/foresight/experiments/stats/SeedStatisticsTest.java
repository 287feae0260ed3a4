package dev.foresight.experiments.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeedStatisticsTest {
    @Test
    void interquartileMeanTrimsAQuarterEachSide() {
        // scipy.stats.trim_mean([1..8], 0.25) = mean(3, 4, 5, 6) = 4.5
        assertEquals(4.5, SeedStatistics.interquartileMean(new double[] {8, 1, 7, 2, 6, 3, 5, 4}), 1e-12);
        // An outlier does not move it: [1, 2, 3, 1000] → mean of the middle two
        assertEquals(2.5, SeedStatistics.interquartileMean(new double[] {1000, 1, 3, 2}), 1e-12);
        // n = 5: [lo, hi) = [1.25, 3.75): 0.75·x2 + x3 + 0.75·x4 over 2.5
        assertEquals((0.75 * 2 + 3 + 0.75 * 4) / 2.5, SeedStatistics.interquartileMean(new double[] {5, 4, 3, 2, 1}), 1e-12);
        assertEquals(7, SeedStatistics.interquartileMean(new double[] {7}), 1e-12);
    }

    @Test
    void theBootstrapIntervalCoversTheMeanAndIsRepeatable() {
        double[] scores = {-150, -160, -140, -300, -155};
        double[] ci = SeedStatistics.bootstrapInterval(scores, 0.95);
        double mean = SeedStatistics.mean(scores);
        assertTrue(ci[0] < mean && mean < ci[1], ci[0] + " " + mean + " " + ci[1]);
        assertTrue(ci[0] >= -300 && ci[1] <= -140);
        assertArrayEquals(ci, SeedStatistics.bootstrapInterval(scores, 0.95));
        double[] narrow = SeedStatistics.bootstrapInterval(scores, 0.5);
        assertTrue(narrow[0] >= ci[0] && narrow[1] <= ci[1]);
        assertArrayEquals(new double[] {3, 3}, SeedStatistics.bootstrapInterval(new double[] {3}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> SeedStatistics.mean(new double[] {1, Double.NaN}));
    }
}
