package dev.foresight.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Merged batches give the moments of all the data at once. */
class RunningMomentsTest {
    @Test
    void mergedBatchesEqualTheWholeData() {
        RandomStream random = new RandomStream(3);
        float[] data = new float[2 * 300];
        for (int i = 0; i < 300; i++) {
            data[2 * i] = (float) (5 + 2 * random.nextGaussian());
            data[2 * i + 1] = (float) (-1 + 0.5 * random.nextGaussian());
        }
        RunningMoments moments = new RunningMoments(2);
        moments.update(java.util.Arrays.copyOfRange(data, 0, 2 * 100), 100, null);
        moments.update(java.util.Arrays.copyOfRange(data, 2 * 100, 2 * 300), 200, null);
        double[] mean = new double[2];
        double[] var = new double[2];
        for (int i = 0; i < 300; i++) {
            mean[0] += data[2 * i] / 300.0;
            mean[1] += data[2 * i + 1] / 300.0;
        }
        for (int i = 0; i < 300; i++) {
            var[0] += Math.pow(data[2 * i] - mean[0], 2) / 300;
            var[1] += Math.pow(data[2 * i + 1] - mean[1], 2) / 300;
        }
        assertEquals(300, moments.count());
        assertArrayEquals(new float[] {(float) mean[0], (float) mean[1]}, moments.mean(), 1e-4f);
        assertArrayEquals(new float[] {(float) Math.sqrt(var[0]), (float) Math.sqrt(var[1])}, moments.std(0), 1e-4f);
    }

    @Test
    void excludedRowsDoNotCount() {
        RunningMoments moments = new RunningMoments(1);
        moments.update(new float[] {1, 1000, 3}, 3, new boolean[] {true, false, true});
        assertEquals(2, moments.count());
        assertEquals(2f, moments.mean()[0], 1e-3f);
    }
}
