/**
 * PPO (Schulman et al. 2017) on DJL's PyTorch engine: {@link dev.foresight.policy.ppo.PpoLearner}
 * learns from {@link dev.foresight.policy.ppo.PpoRollout}s of N parallel environments — real ones
 * (model-free PPO) or rows of a learned model (SimPLe, in {@code dev.foresight.agent.PpoAgent}) —
 * with GAE ({@link dev.foresight.policy.ppo.Advantages}) and PPO's usual normalisations
 * ({@link dev.foresight.policy.ppo.RewardScaler}, running observation statistics exported with the policy).
 */
package dev.foresight.policy.ppo;
