package dev.foresight.model;

import dev.foresight.model.ensemble.Normalizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.data.Transitions;
import org.junit.jupiter.api.Test;

/** The evaluation arithmetic, on a hand-made linear system and fake models of it. */
class ModelEvaluationTest {
    /** x' = x + a, one dimension; two episodes of 30 steps with a = 1 then a = −1. */
    static Transitions linearEpisodes() {
        int n = 60;
        float[] obs = new float[n];
        float[] action = new float[n];
        float[] next = new float[n];
        boolean[] truncated = new boolean[n];
        for (int i = 0; i < n; i++) {
            int t = i % 30;
            float a = i < 30 ? 1f : -1f;
            obs[i] = a * t;
            action[i] = a;
            next[i] = obs[i] + a;
            truncated[i] = t == 29;
        }
        return new Transitions(1, 1, obs, action, new float[n], next, new boolean[n], truncated);
    }

    /** x' = x + a + bias for every member (the members may disagree by ±spread). */
    record LinearModel(float bias, float spread, int members) implements DynamicsModel {
        public int obsDim() {
            return 1;
        }

        public int actionDim() {
            return 1;
        }

        public int ensembleSize() {
            return members;
        }

        public boolean predictsReward() {
            return false;
        }

        public void predict(float[] obs, float[] action, int n, Prediction out) {
            for (int m = 0; m < members; m++) {
                float offset = members == 1 ? 0 : spread * (2f * m / (members - 1) - 1);
                for (int i = 0; i < n; i++) {
                    int k = m * n + i;
                    out.nextObsMean()[k] = obs[k] + action[k] + bias + offset;
                    out.nextObsLogVar()[k] = 0f;
                }
            }
        }

        public void close() {
        }
    }

    @Test
    void perfectModelHasZeroErrorAtEveryHorizon() {
        double[] rmse = ModelEvaluation.openLoopRmse(new LinearModel(0f, 0.5f, 3), linearEpisodes(), 1, 5, 20);
        for (double r : rmse) {
            assertEquals(0, r, 1e-6);
        }
    }

    @Test
    void constantBiasCompoundsLinearlyWithTheHorizon() {
        Transitions data = linearEpisodes();
        double std = Normalizer.fit(data.obs(), data.size(), 1).std()[0];
        double[] rmse = ModelEvaluation.openLoopRmse(new LinearModel(0.1f, 0f, 1), data, 1, 5, 10);
        assertEquals(0.1 / std, rmse[0], 1e-5);
        assertEquals(0.5 / std, rmse[1], 1e-5);
        assertEquals(1.0 / std, rmse[2], 1e-5);
        assertTrue(Double.isNaN(ModelEvaluation.openLoopRmse(new LinearModel(0f, 0f, 1), data, 31)[0]),
                "no episode is 31 steps long");
    }

    @Test
    void nllOfAUnitGaussianWithExactMean() {
        double nll = ModelEvaluation.holdoutNll(new LinearModel(0f, 0f, 2), linearEpisodes());
        assertEquals(0.5 * Math.log(2 * Math.PI), nll, 1e-9);
    }

    @Test
    void memberTrajectoriesFollowEachMemberOwnPredictions() {
        Transitions episode = linearEpisodes().range(0, 30);
        float[][] members = ModelEvaluation.memberTrajectories(new LinearModel(0f, 0.1f, 2), episode);
        // Member 0 drifts by −0.1 per step, member 1 by +0.1.
        assertEquals(30 - 3.0, members[0][29], 1e-3);
        assertEquals(30 + 3.0, members[1][29], 1e-3);
    }
}
