package dev.foresight.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.RewardFunction;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.Prediction;
import dev.foresight.model.Propagation;
import dev.foresight.util.RandomStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Particle-to-member assignment and scoring, with a fake ensemble whose member m adds m to the state. */
class ModelRolloutsTest {
    private static final int MEMBERS = 4;
    private static final int HORIZON = 5;

    /** Member m: next = obs + m, with zero variance (log-variance −100). */
    static final class CountingEnsemble implements DynamicsModel {
        public int obsDim() {
            return 1;
        }

        public int actionDim() {
            return 1;
        }

        public int ensembleSize() {
            return MEMBERS;
        }

        public boolean predictsReward() {
            return false;
        }

        public void predict(float[] obs, float[] action, int n, Prediction out) {
            for (int m = 0; m < MEMBERS; m++) {
                for (int i = 0; i < n; i++) {
                    out.nextObsMean()[m * n + i] = obs[m * n + i] + m;
                    out.nextObsLogVar()[m * n + i] = -100f;
                }
            }
        }

        public void close() {
        }
    }

    /** Reward = the state after the step, so a particle's return is Σ_t state_t. */
    private static final RewardFunction NEXT_STATE = (obs, action, next, batch, rewards) -> System.arraycopy(next, 0, rewards, 0, batch);

    private static float[] scores(Propagation propagation, int particles, int population, float riskAversion) {
        SearchSpace space = new SearchSpace(HORIZON, new float[] {-1f}, new float[] {1f});
        ModelRollouts rollouts = new ModelRollouts(space, new ModelRollouts.Settings(propagation, particles, riskAversion),
                new CountingEnsemble(), List.of(NEXT_STATE), TerminationFunction.NEVER, null, population, new RandomStream(5));
        rollouts.setStart(new float[] {0f});
        float[] scores = new float[population];
        rollouts.evaluate(new float[population * HORIZON], population, scores);
        return scores;
    }

    @Test
    void tsInfKeepsEachParticleOnOneMemberAndSpreadsParticlesOverMembers() {
        // One candidate with 4 particles: particle k stays on member k, return = m·(1+2+…+H).
        float[] score = scores(Propagation.TS_INF, MEMBERS, 1, 0f);
        float triangle = HORIZON * (HORIZON + 1) / 2f;
        float meanMember = (MEMBERS - 1) / 2f;
        assertEquals(meanMember * triangle, score[0], 1e-4f);
        // Risk aversion subtracts k·std over particles: std of {0,1,2,3}·triangle.
        float std = (float) Math.sqrt(1.25) * triangle;
        assertEquals(meanMember * triangle - 2f * std, scores(Propagation.TS_INF, MEMBERS, 1, 2f)[0], 1e-3f);
    }

    @Test
    void ts1ReassignsParticlesEveryStep() {
        // With re-assignment, particle returns are no longer all multiples of the triangle number.
        SearchSpace space = new SearchSpace(HORIZON, new float[] {-1f}, new float[] {1f});
        float triangle = HORIZON * (HORIZON + 1) / 2f;
        Set<Float> returns = new HashSet<>();
        RewardFunction record = (obs, action, next, batch, rewards) -> System.arraycopy(next, 0, rewards, 0, batch);
        ModelRollouts ts1 = new ModelRollouts(space, new ModelRollouts.Settings(Propagation.TS1, 8, 0f),
                new CountingEnsemble(), List.of(record), TerminationFunction.NEVER, null, 8, new RandomStream(7));
        ts1.setStart(new float[] {0f});
        float[] scores = new float[8];
        ts1.evaluate(new float[8 * HORIZON], 8, scores);
        for (float s : scores) {
            returns.add(s);
        }
        boolean anyMixed = false;
        for (float s : scores) {
            float perParticleAverage = s; // one candidate per particle group of 8; mean over particles
            anyMixed |= Math.abs(perParticleAverage / triangle - Math.round(perParticleAverage / triangle)) > 1e-3;
        }
        assertTrue(anyMixed || returns.size() > 1, "TS1 must mix members along a trajectory: " + returns);
    }

    @Test
    void expectationMovesToTheMeanOfTheMembers() {
        float[] score = scores(Propagation.EXPECTATION, 20, 3, 0f);
        float expected = (MEMBERS - 1) / 2f * HORIZON * (HORIZON + 1) / 2f;
        for (float s : score) {
            assertEquals(expected, s, 1e-4f);
        }
    }

    @Test
    void theWorstRewardFunctionOfAnEnsembleDecidesAndNaNIsNeverChosen() {
        SearchSpace space = new SearchSpace(2, new float[] {-1f}, new float[] {1f});
        RewardFunction one = (obs, action, next, batch, rewards) -> java.util.Arrays.fill(rewards, 0, batch, 1f);
        RewardFunction actionCost = (obs, action, next, batch, rewards) -> {
            for (int i = 0; i < batch; i++) {
                rewards[i] = action[i] > 0.5f ? Float.NaN : -action[i];
            }
        };
        ModelRollouts rollouts = new ModelRollouts(space, new ModelRollouts.Settings(Propagation.EXPECTATION, 1, 0f),
                new CountingEnsemble(), List.of(one, actionCost), TerminationFunction.NEVER, null, 3, new RandomStream(1));
        rollouts.setStart(new float[] {0f});
        float[] scores = new float[3];
        rollouts.evaluate(new float[] {-1f, -1f, 0.25f, 0.25f, 0.9f, 0.9f}, 3, scores);
        assertEquals(Math.min(2f, 2f), scores[0], 1e-6f); // worst of {2, 2}
        assertEquals(-0.5f, scores[1], 1e-6f);             // worst of {2, −0.5}
        assertEquals(Float.NEGATIVE_INFINITY, scores[2]);
    }
}
