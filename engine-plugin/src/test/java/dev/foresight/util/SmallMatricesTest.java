package dev.foresight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmallMatricesTest {
    @Test
    void choleskySolvesAPositiveDefiniteSystemAndRefusesAnIndefiniteOne() {
        double[] a = {4, 2, 0.4, 2, 5, 1, 0.4, 1, 3};
        double[] l = new double[9];
        assertTrue(SmallMatrices.cholesky(a, 3, l));
        double[] x = {1, -2, 0.5};
        double[] b = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                b[i] += a[i * 3 + j] * x[j];
            }
        }
        SmallMatrices.choleskySolve(l, 3, b);
        for (int i = 0; i < 3; i++) {
            assertEquals(x[i], b[i], 1e-12);
        }
        assertFalse(SmallMatrices.cholesky(new double[] {1, 2, 2, 1}, 2, new double[4]));
    }

    @Test
    void projectionZeroesNegativeEigenvaluesAndKeepsTheRest() {
        // eigenvalues of [[1, 2], [2, 1]] are 3 (along (1, 1)) and −1 (along (1, −1)): the projection is 1.5·[[1,1],[1,1]]
        double[] a = {0, 1, 2, 2, 1};
        SmallMatrices.projectPsd(a, 1, 2, new double[8]);
        assertEquals(0, a[0]);
        for (int i = 1; i < 5; i++) {
            assertEquals(1.5, a[i], 1e-12);
        }
        double[] psd = {2, 0.5, 0, 0.5, 1, 0.3, 0, 0.3, 0.7};
        double[] copy = psd.clone();
        SmallMatrices.projectPsd(psd, 0, 3, new double[18]);
        for (int i = 0; i < 9; i++) {
            assertEquals(copy[i], psd[i], 1e-12);
        }
        double[] negative = {-1, 0, 0, -2};
        SmallMatrices.projectPsd(negative, 0, 2, new double[8]);
        for (double v : negative) {
            assertEquals(0, v, 1e-12);
        }
    }
}
