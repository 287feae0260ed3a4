package dev.foresight.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxQpTest {
    private static final double[] H = {2, 0.5, 0.5, 1};

    @Test
    void insideTheBoxItIsTheNewtonStep() {
        BoxQp qp = new BoxQp(2);
        double[] x = new double[2];
        assertTrue(qp.solve(H, new double[] {-1, -0.5}, new double[] {-10, -10}, new double[] {10, 10}, x));
        // H·x = −g: x = (3/7, 2/7)
        assertEquals(3.0 / 7, x[0], 1e-9);
        assertEquals(2.0 / 7, x[1], 1e-9);
        assertFalse(qp.clamped(0) || qp.clamped(1));
    }

    @Test
    void aBindingBoundClampsItsDimensionAndTheOtherSolvesTheRest() {
        BoxQp qp = new BoxQp(2);
        double[] x = {0.7, -0.7};
        assertTrue(qp.solve(H, new double[] {-4, 0}, new double[] {-1, -1}, new double[] {1, 1}, x));
        // x0 pushes past 1: clamped there; then minimise over x1: 1·x1 + 0.5·1 = 0 → x1 = −0.5
        assertEquals(1, x[0], 1e-9);
        assertEquals(-0.5, x[1], 1e-9);
        assertTrue(qp.clamped(0));
        assertFalse(qp.clamped(1));
        double[] gains = {3, 4};
        qp.solveFree(gains, new double[2]);
        assertEquals(0, gains[0]);
        assertEquals(4, gains[1], 1e-12); // free block is [1]: y = 4
    }

    @Test
    void aNonConvexFreeBlockIsReported() {
        BoxQp qp = new BoxQp(2);
        assertFalse(qp.solve(new double[] {1, 2, 2, 1}, new double[] {0.1, 0}, new double[] {-1, -1},
                new double[] {1, 1}, new double[2]));
    }
}
