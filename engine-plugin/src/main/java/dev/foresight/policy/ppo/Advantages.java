package dev.foresight.policy.ppo;

/**
 * Generalised advantage estimation (Schulman et al. 2016, "High-dimensional continuous control
 * using generalized advantage estimation", eq. 16) over a {@code [T × N]} rollout of N parallel
 * environments, step-major (row {@code t·N + i}):
 * <pre>
 *   δₜ = rₜ + γ·v′ₜ − V(sₜ)      v′ₜ = 0 if terminated, V(final obs) if truncated, else V(sₜ₊₁)
 *   Âₜ = δₜ + γλ·(1 − doneₜ)·Âₜ₊₁
 * </pre>
 * where {@code V(s_T)} is the value of each environment's observation after the last step. A
 * truncated step (time limit, or the cut of an imagined rollout) is bootstrapped from the value of
 * the state it reached, a terminated one is not (Pardo et al. 2018, "Time limits in RL"). Rows not
 * {@code valid} (an imagined environment after its end) get advantage and return 0 and are skipped.
 */
public final class Advantages {
    private Advantages() {
    }

    /**
     * @param steps T (&ge;1)
     * @param envs N (&ge;1)
     * @param rewards {@code [T × N]}
     * @param values {@code V(sₜ)}, {@code [T × N]}
     * @param terminated {@code [T × N]}
     * @param truncated {@code [T × N]}
     * @param finalValues V of the state a truncated step reached, {@code [T × N]} (read where truncated)
     * @param lastValues {@code V(s_T)}, {@code [N]}
     * @param valid which rows count, {@code [T × N]}
     * @param gamma discount
     * @param lambda GAE's λ
     * @param advantages storage for Â, {@code [T × N]} (modified)
     * @param returns storage for the value targets Â + V, {@code [T × N]} (modified)
     */
    public static void compute(int steps, int envs, float[] rewards, float[] values, boolean[] terminated,
                               boolean[] truncated, float[] finalValues, float[] lastValues, boolean[] valid, float gamma,
                               float lambda, float[] advantages, float[] returns) {
        for (int i = 0; i < envs; i++) {
            float next = 0f;
            for (int t = steps - 1; t >= 0; t--) {
                int row = t * envs + i;
                if (!valid[row]) {
                    advantages[row] = 0f;
                    returns[row] = 0f;
                    next = 0f;
                    continue;
                }
                boolean last = t == steps - 1;
                float nextValue = terminated[row] ? 0f
                        : truncated[row] ? finalValues[row]
                        : last ? lastValues[i] : values[row + envs];
                float delta = rewards[row] + gamma * nextValue - values[row];
                boolean done = terminated[row] || truncated[row];
                float advantage = delta + (done || last ? 0f : gamma * lambda * next);
                advantages[row] = advantage;
                returns[row] = advantage + values[row];
                next = advantage;
            }
        }
    }
}
