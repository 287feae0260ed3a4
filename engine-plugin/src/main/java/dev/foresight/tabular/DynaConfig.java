package dev.foresight.tabular;

/**
 * Settings of a {@link DynaAgent}: Q-learning (n = 0), Dyna-Q (n &gt; 0), Dyna-Q+ (κ &gt; 0) and
 * prioritized sweeping (θ &gt; 0 with {@link #prioritizedSweeping()}). The defaults are those of
 * Sutton &amp; Barto's Figure 8.2: α 0.1, γ 0.95, ε 0.1.
 *
 * @param alpha step size (0…1]
 * @param gamma discount [0…1]
 * @param epsilon exploration probability [0…1]
 * @param planningSteps n, simulated updates per real step (&ge;0)
 * @param kappa Dyna-Q+'s exploration bonus κ·√τ (0: plain Dyna-Q)
 * @param prioritizedSweeping plan by prioritized sweeping instead of uniform draws
 * @param theta prioritized sweeping's priority threshold (&ge;0)
 * @param distributionModel answer planning updates from the count model (else the book's last-seen table)
 * @param expectedUpdates with the count model: expected updates over all outcomes (else sample updates)
 * @param seed seeds exploration, tie-breaking and planning draws
 */
public record DynaConfig(float alpha, float gamma, float epsilon, int planningSteps, float kappa,
                         boolean prioritizedSweeping, float theta, boolean distributionModel, boolean expectedUpdates,
                         long seed) {
    public DynaConfig {
        if (!(alpha > 0 && alpha <= 1) || !(gamma >= 0 && gamma <= 1) || !(epsilon >= 0 && epsilon <= 1)
                || planningSteps < 0 || !(kappa >= 0) || !(theta >= 0)) {
            throw new IllegalArgumentException("Dyna settings out of range: alpha=" + alpha + " gamma=" + gamma
                    + " epsilon=" + epsilon + " planningSteps=" + planningSteps + " kappa=" + kappa + " theta=" + theta);
        }
        if (expectedUpdates && !distributionModel) {
            throw new IllegalArgumentException("expected updates need the distribution (count) model");
        }
    }

    /** @return Dyna-Q with n planning steps and Figure 8.2's α, γ, ε */
    public static DynaConfig dynaQ(int planningSteps, long seed) {
        return new DynaConfig(0.1f, 0.95f, 0.1f, planningSteps, 0f, false, 0f, false, false, seed);
    }

    /** @return Dyna-Q+ (κ = 0.001, as in common reproductions of Figures 8.4 and 8.5) with n planning steps */
    public static DynaConfig dynaQPlus(int planningSteps, long seed) {
        return dynaQ(planningSteps, seed).withKappa(1e-3f);
    }

    /** @return prioritized sweeping with n updates per step and threshold θ = 1e-4 */
    public static DynaConfig prioritizedSweeping(int planningSteps, long seed) {
        return new DynaConfig(0.1f, 0.95f, 0.1f, planningSteps, 0f, true, 1e-4f, false, false, seed);
    }

    /** @return these settings with another seed */
    public DynaConfig withSeed(long newSeed) {
        return new DynaConfig(alpha, gamma, epsilon, planningSteps, kappa, prioritizedSweeping, theta, distributionModel,
                expectedUpdates, newSeed);
    }

    /** @return these settings with n planning steps */
    public DynaConfig withPlanningSteps(int n) {
        return new DynaConfig(alpha, gamma, epsilon, n, kappa, prioritizedSweeping, theta, distributionModel,
                expectedUpdates, seed);
    }

    /** @return these settings with Dyna-Q+'s κ */
    public DynaConfig withKappa(float newKappa) {
        return new DynaConfig(alpha, gamma, epsilon, planningSteps, newKappa, prioritizedSweeping, theta, distributionModel,
                expectedUpdates, seed);
    }

    /** @return these settings answering from the count model, with expected or sample updates */
    public DynaConfig withDistributionModel(boolean expected) {
        return new DynaConfig(alpha, gamma, epsilon, planningSteps, kappa, prioritizedSweeping, theta, true, expected,
                seed);
    }
}
