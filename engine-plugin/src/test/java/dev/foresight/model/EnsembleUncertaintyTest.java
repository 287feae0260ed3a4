package dev.foresight.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** MOPO's u(s, a): the largest member's norm of the predicted standard deviation, per row. */
class EnsembleUncertaintyTest {
    /** Member m predicts std (m+1)·|obs| in every dimension (a fake: pure logic). */
    private static final class ScaledStd implements DynamicsModel {
        @Override
        public int obsDim() {
            return 2;
        }

        @Override
        public int actionDim() {
            return 1;
        }

        @Override
        public int ensembleSize() {
            return 3;
        }

        @Override
        public boolean predictsReward() {
            return false;
        }

        @Override
        public void predict(float[] obs, float[] action, int n, Prediction out) {
            for (int m = 0; m < 3; m++) {
                for (int r = 0; r < n; r++) {
                    for (int d = 0; d < 2; d++) {
                        int i = (m * n + r) * 2 + d;
                        out.nextObsStd()[i] = (m + 1) * Math.abs(obs[i]);
                    }
                }
            }
            out.setHasStd(true);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theLargestMembersStdNormPerRow() {
        EnsembleUncertainty u = new EnsembleUncertainty(new ScaledStd(), 4);
        float[] out = new float[2];
        u.maxStdNorm(new float[] {3f, 4f, 0f, -1f}, new float[] {0f, 0f}, 2, out);
        assertEquals(3 * 5f, out[0], 1e-5f, "member 3: 3·‖(3, 4)‖");
        assertEquals(3 * 1f, out[1], 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> u.maxStdNorm(new float[10], new float[5], 5, new float[5]));
    }
}
