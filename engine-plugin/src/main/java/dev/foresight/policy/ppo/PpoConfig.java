package dev.foresight.policy.ppo;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link PpoLearner}. The defaults are Stable-Baselines3's PPO defaults (after
 * Schulman et al. 2017's MuJoCo settings): separate 2 × 64 tanh actor and critic, Adam 3e-4,
 * minibatches of 64, 10 epochs per rollout, γ 0.99, GAE λ 0.95, clip 0.2, value coefficient 0.5,
 * no entropy bonus, gradient norm clipped at 0.5, observations normalised and rewards scaled by
 * running statistics.
 *
 * @param hidden hidden widths of the actor and of the critic (each &ge;1)
 * @param learningRate Adam's step size (&gt;0)
 * @param minibatchSize rows per gradient step (&ge;1)
 * @param epochs passes over each rollout (&ge;1)
 * @param gamma discount (0…1)
 * @param gaeLambda GAE's λ (0…1)
 * @param clipRange ε of the clipped ratio (&gt;0)
 * @param valueCoef weight of the value loss (&ge;0)
 * @param entropyCoef weight of the entropy bonus (&ge;0)
 * @param maxGradNorm the global gradient norm is clipped to this (&gt;0; infinity: no clipping)
 * @param initialLogStd the Gaussian's state-independent log σ at the start
 * @param normalizeObservations feed {@code (obs − mean)/std} with running statistics (exported with the policy)
 * @param scaleRewards divide rewards by the running std of the discounted return ({@link RewardScaler})
 * @param seed seeds the initial weights and the minibatch order
 */
public record PpoConfig(List<Integer> hidden, float learningRate, int minibatchSize, int epochs, float gamma,
                        float gaeLambda, float clipRange, float valueCoef, float entropyCoef, float maxGradNorm,
                        float initialLogStd, boolean normalizeObservations, boolean scaleRewards, long seed) {
    public PpoConfig {
        Objects.requireNonNull(hidden, "hidden");
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden widths must be >= 1 and at least one, got " + hidden);
        }
        if (!(learningRate > 0) || minibatchSize < 1 || epochs < 1 || !(gamma >= 0 && gamma <= 1)
                || !(gaeLambda >= 0 && gaeLambda <= 1) || !(clipRange > 0) || !(valueCoef >= 0) || !(entropyCoef >= 0)
                || !(maxGradNorm > 0) || !Float.isFinite(initialLogStd)) {
            throw new IllegalArgumentException("PPO settings out of range: learningRate=" + learningRate
                    + " minibatchSize=" + minibatchSize + " epochs=" + epochs + " gamma=" + gamma + " gaeLambda="
                    + gaeLambda + " clipRange=" + clipRange + " valueCoef=" + valueCoef + " entropyCoef=" + entropyCoef
                    + " maxGradNorm=" + maxGradNorm + " initialLogStd=" + initialLogStd);
        }
    }

    /** @return Stable-Baselines3's PPO defaults (see the class comment) */
    public static PpoConfig defaults(long seed) {
        return new PpoConfig(List.of(64, 64), 3e-4f, 64, 10, 0.99f, 0.95f, 0.2f, 0.5f, 0f, 0.5f, 0f, true, true, seed);
    }

    /** @return these settings with another seed */
    public PpoConfig withSeed(long newSeed) {
        return new PpoConfig(hidden, learningRate, minibatchSize, epochs, gamma, gaeLambda, clipRange, valueCoef,
                entropyCoef, maxGradNorm, initialLogStd, normalizeObservations, scaleRewards, newSeed);
    }

    /** @return these settings with another minibatch size and discount */
    public PpoConfig with(int newMinibatchSize, float newGamma, float newLearningRate) {
        return new PpoConfig(hidden, newLearningRate, newMinibatchSize, epochs, newGamma, gaeLambda, clipRange, valueCoef,
                entropyCoef, maxGradNorm, initialLogStd, normalizeObservations, scaleRewards, seed);
    }
}
