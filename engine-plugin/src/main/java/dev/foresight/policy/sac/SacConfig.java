package dev.foresight.policy.sac;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link SacLearner}. The defaults are mbrl-lib's MBPO learner's (after Haarnoja et
 * al. 2018, "Soft Actor-Critic Algorithms and Applications"): 2 × 256 ReLU hidden layers for the
 * actor and each critic, Adam 3e-4, batch 256, γ 0.99, τ 0.005, automatic temperature with target
 * entropy −|A|.
 *
 * @param hidden hidden widths of the actor and of each Q network (each &ge;1)
 * @param learningRate Adam's step size for actor, critics and temperature (&gt;0)
 * @param batchSize rows per gradient update (&ge;1)
 * @param gamma discount (0…1)
 * @param tau Polyak rate of the target critics (0…1]
 * @param targetUpdateInterval updates between target-critic updates (&ge;1)
 * @param autoTemperature whether the temperature α is learned
 * @param initialTemperature α at the start (&gt;0)
 * @param targetEntropy the entropy α steers to; NaN means −|A|
 * @param seed seeds initial weights and the learner's noise
 */
public record SacConfig(List<Integer> hidden, float learningRate, int batchSize, float gamma, float tau,
                        int targetUpdateInterval, boolean autoTemperature, float initialTemperature, float targetEntropy,
                        long seed) {
    public SacConfig {
        Objects.requireNonNull(hidden, "hidden");
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden widths must be >= 1 and at least one, got " + hidden);
        }
        if (!(learningRate > 0) || batchSize < 1 || !(gamma >= 0 && gamma <= 1) || !(tau > 0 && tau <= 1)
                || targetUpdateInterval < 1 || !(initialTemperature > 0)) {
            throw new IllegalArgumentException("SAC settings out of range: learningRate=" + learningRate + " batchSize="
                    + batchSize + " gamma=" + gamma + " tau=" + tau + " targetUpdateInterval=" + targetUpdateInterval
                    + " initialTemperature=" + initialTemperature);
        }
    }

    /** @return mbrl-lib's MBPO SAC settings (see the class comment) */
    public static SacConfig defaults(long seed) {
        return new SacConfig(List.of(256, 256), 3e-4f, 256, 0.99f, 0.005f, 1, true, 0.2f, Float.NaN, seed);
    }

    /** @return these settings with another seed */
    public SacConfig withSeed(long newSeed) {
        return new SacConfig(hidden, learningRate, batchSize, gamma, tau, targetUpdateInterval, autoTemperature,
                initialTemperature, targetEntropy, newSeed);
    }

    /** @return the target entropy for {@code actionDim} actions ({@code −actionDim} unless set) */
    public float targetEntropy(int actionDim) {
        return Float.isNaN(targetEntropy) ? -actionDim : targetEntropy;
    }
}
