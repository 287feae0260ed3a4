package dev.foresight.muzero;

import dev.foresight.model.latent.LatentModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.search.MctsSettings;
import org.junit.jupiter.api.Test;

/** MuZero's search with a hand-built exact latent model picks the known best action. */
class LatentSearchTest {
    /**
     * Four states as latents [s/3, 1 − s/3]: from S (0), action 0 pays 0.2 now and leads to A (1),
     * a dead end; action 1 pays nothing now but leads to B (2), from which any action pays 1. A and
     * B lead to T (3), absorbing. f knows nothing: uniform priors, values 0. With γ = 0.9, action 1
     * is worth 0.9 and action 0 only 0.2 — a search deep enough to see past the bait finds it.
     */
    static final class Bait implements LatentModel {
        int calls;

        @Override
        public int obsDim() {
            return 1;
        }

        @Override
        public int latentDim() {
            return 2;
        }

        @Override
        public int actions() {
            return 2;
        }

        static int state(float[] latent, int r) {
            return Math.round(latent[2 * r] * 3);
        }

        static void put(int s, float[] latent, int r) {
            latent[2 * r] = s / 3f;
            latent[2 * r + 1] = 1 - s / 3f;
        }

        @Override
        public void represent(float[] obs, int n, float[] latent) {
            for (int r = 0; r < n; r++) {
                put((int) obs[r], latent, r);
            }
        }

        @Override
        public void dynamics(float[] latent, int[] actions, int n, float[] next, float[] rewards) {
            calls++;
            for (int r = 0; r < n; r++) {
                int s = state(latent, r);
                int to = switch (s) {
                    case 0 -> actions[r] == 0 ? 1 : 2;
                    default -> 3;
                };
                rewards[r] = s == 0 && actions[r] == 0 ? 0.2f : s == 2 ? 1f : 0f;
                put(to, next, r);
            }
        }

        @Override
        public void predict(float[] latent, int n, float[] logits, float[] values) {
            java.util.Arrays.fill(logits, 0, n * 2, 0f);
            java.util.Arrays.fill(values, 0, n, 0f);
        }
    }

    @Test
    void theSearchLooksPastTheBait() {
        Bait model = new Bait();
        LatentSearch search = new LatentSearch(model, MctsSettings.puct(50, 0.9f, 3).withLeafBatch(1));
        assertEquals(1, search.search(new float[] {0}), "action 1 is worth 0.9, action 0 only 0.2");
        float[] policy = search.visitPolicy(new float[2]);
        assertEquals(1f, policy[0] + policy[1], 1e-6f);
        assertEquals(true, policy[1] > 0.5f, "most visits go to the better action: " + policy[1]);
        assertTrue(search.tree().rootValue(1) > search.tree().rootValue(0), "action 1's backed-up return is higher");
        assertEquals(1.0, search.tree().nodeValue(search.tree().rootChild(1)), 1e-6, "from B, every action pays 1");
        assertEquals(true, search.rootValue() > 0.2f && search.rootValue() <= 0.9f, "root value " + search.rootValue());
        assertEquals(true, model.calls > 0);
    }

    @Test
    void rootNoiseChangesThePriorsButTheSameSeedTheSameWay() {
        LatentSearch a = new LatentSearch(new Bait(), MctsSettings.puct(8, 0.9f, 5).withLeafBatch(1));
        LatentSearch b = new LatentSearch(new Bait(), MctsSettings.puct(8, 0.9f, 5).withLeafBatch(1));
        a.tree().setRootNoise(0.25f, 0.25f);
        b.tree().setRootNoise(0.25f, 0.25f);
        a.search(new float[] {0});
        b.search(new float[] {0});
        float prior = a.tree().rootPrior(0);
        assertEquals(prior, b.tree().rootPrior(0));
        assertEquals(1f, a.tree().rootPrior(0) + a.tree().rootPrior(1), 1e-6f);
        assertEquals(true, Math.abs(prior - 0.5f) > 1e-4f, "the Dirichlet draw moved the uniform prior: " + prior);
    }

    @Test
    void gumbelsRootFindsTheBetterActionWithFourSimulations() {
        LatentSearch search = new LatentSearch(new Bait(), MctsSettings.puct(4, 0.9f, 3).withLeafBatch(1));
        float[] policy = new float[2];
        assertEquals(1, search.searchGumbel(new float[] {0}, 2, 0f, new dev.foresight.util.RandomStream(1), policy),
                "sequential halving over both actions, two simulations each, sees past the bait");
        assertEquals(2, search.tree().rootVisits(0));
        assertEquals(2, search.tree().rootVisits(1));
        // q(0) = 0.2 (twice the bait), q(1) = (0 + 0.9)/2; the tree's values span [0, 1], so
        // σ(q̂(1)) − σ(q̂(0)) = (50 + 2) · 0.1 · 0.25 = 1.3 and π'(1) = 1/(1 + e^−1.3)
        assertEquals(1 / (1 + Math.exp(-1.3)), policy[1], 1e-5, "the improved policy moves from the uniform prior");
        assertEquals(1f, policy[0] + policy[1], 1e-6f);
    }

    @Test
    void uctSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LatentSearch(new Bait(), MctsSettings.uct(8, 0.9f, 1)));
    }
}
