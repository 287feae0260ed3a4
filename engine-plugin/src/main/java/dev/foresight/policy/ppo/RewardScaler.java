package dev.foresight.policy.ppo;

import dev.foresight.util.RunningMoments;

/**
 * Scales rewards by the running standard deviation of the discounted return, as OpenAI baselines'
 * and Stable-Baselines3's {@code VecNormalize} do for PPO (Engstrom et al. 2020, "Implementation
 * matters in deep policy gradients", section 3): for each of N environments the return
 * {@code Rᵢ ← γ·Rᵢ + rᵢ} is tracked (reset when its episode ends), its variance is merged into
 * running moments, and the reward becomes {@code clip(r / √(var + 1e-8), ±clip)}. The value
 * function then learns in these units, whatever the task's reward scale.
 *
 * <p>Threading: not thread-safe.
 */
public final class RewardScaler {
    private final float gamma;
    private final float clip;
    private final double[] returns;
    private final float[] scratch;
    private final RunningMoments moments = new RunningMoments(1);

    /**
     * @param envs N (&ge;1)
     * @param gamma the discount of the tracked return
     * @param clip scaled rewards are clipped to {@code [−clip, clip]} (&gt;0)
     */
    public RewardScaler(int envs, float gamma, float clip) {
        this.gamma = gamma;
        this.clip = clip;
        this.returns = new double[envs];
        this.scratch = new float[envs];
    }

    /**
     * Scales one step's rewards in place and ends the returns of environments that are done.
     *
     * @param rewards {@code [N]} (modified: scaled)
     * @param done whether each environment's episode ended at this step, {@code [N]}
     * @param valid which environments stepped, {@code [N]}, or null for all
     */
    public void scale(float[] rewards, boolean[] done, boolean[] valid) {
        for (int i = 0; i < returns.length; i++) {
            if (valid == null || valid[i]) {
                returns[i] = gamma * returns[i] + rewards[i];
            }
            scratch[i] = (float) returns[i];
        }
        moments.update(scratch, returns.length, valid);
        float std = moments.std(1e-8)[0];
        for (int i = 0; i < returns.length; i++) {
            rewards[i] = Math.max(-clip, Math.min(clip, rewards[i] / std));
            if (done[i]) {
                returns[i] = 0;
            }
        }
    }

    /** @return what rewards are divided by now: the running std of the discounted return */
    public float scale() {
        return moments.std(1e-8)[0];
    }

    /** Forgets the environments' running returns (new episodes everywhere); keeps the moments. */
    public void resetReturns() {
        java.util.Arrays.fill(returns, 0);
    }
}
