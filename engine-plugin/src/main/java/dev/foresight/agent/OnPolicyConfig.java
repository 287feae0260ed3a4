package dev.foresight.agent;

import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.policy.ppo.PpoConfig;
import java.util.Objects;

/**
 * Settings of a {@link PpoAgent}: model-free PPO, or SimPLe (Kaiser et al. 2019) — PPO trained
 * inside a learned model.
 *
 * @param ppo the learner's settings (not null)
 * @param stepsPerUpdate model-free: real steps of each environment per PPO update (the rollout length T, &ge;1)
 * @param envs model-free: real environments stepped in parallel (&ge;1; the rollout is T × envs)
 * @param modelBased SimPLe: learn in the model; else model-free PPO
 * @param ensemble SimPLe's ensemble and its training (not null)
 * @param episodesPerRound SimPLe: real episodes collected with the current policy between rounds of
 *                         model training and imagined PPO (&ge;1)
 * @param imaginedEnvs SimPLe: imagined environments stepped in parallel, each from a real state drawn
 *                     from the buffer (&ge;1)
 * @param imaginedHorizon SimPLe: steps of each imagined rollout, bootstrapped with the critic at the cut (&ge;1)
 * @param imaginedIterations SimPLe: PPO updates (each on a fresh imagined rollout) per round (&ge;1)
 * @param learnedReward SimPLe: score imagined steps with the model's reward (else the task's known reward)
 * @param uncertaintyPenalty SimPLe: MOPO's λ, imagined rewards {@code r − λ·u} (&ge;0)
 * @param bufferCapacity real transitions kept (SimPLe; &ge;1)
 * @param seed seeds exploration, imagination and the learner
 */
public record OnPolicyConfig(PpoConfig ppo, int stepsPerUpdate, int envs, boolean modelBased, EnsembleConfig ensemble,
                             int episodesPerRound, int imaginedEnvs, int imaginedHorizon, int imaginedIterations,
                             boolean learnedReward, float uncertaintyPenalty, int bufferCapacity, long seed) {
    public OnPolicyConfig {
        Objects.requireNonNull(ppo, "ppo");
        Objects.requireNonNull(ensemble, "ensemble");
        if (stepsPerUpdate < 1 || envs < 1 || episodesPerRound < 1 || imaginedEnvs < 1 || imaginedHorizon < 1
                || imaginedIterations < 1 || !(uncertaintyPenalty >= 0) || bufferCapacity < 1) {
            throw new IllegalArgumentException("PPO / SimPLe settings out of range: stepsPerUpdate=" + stepsPerUpdate
                    + " envs=" + envs + " episodesPerRound=" + episodesPerRound + " imaginedEnvs=" + imaginedEnvs + " imaginedHorizon="
                    + imaginedHorizon + " imaginedIterations=" + imaginedIterations + " uncertaintyPenalty="
                    + uncertaintyPenalty + " bufferCapacity=" + bufferCapacity);
        }
        if (learnedReward && !ensemble.learnReward()) {
            throw new IllegalArgumentException("a learned reward in imagination needs an ensemble that learns it"
                    + " (ensemble.learnReward = true)");
        }
    }

    /**
     * Model-free PPO: {@link PpoConfig#defaults}, one environment, 2,048 real steps per update
     * (Schulman et al.'s MuJoCo setting).
     */
    public static OnPolicyConfig ppo(long seed) {
        OnPolicyConfig simple = simple(seed);
        return new OnPolicyConfig(PpoConfig.defaults(seed), 2048, 1, false, simple.ensemble, simple.episodesPerRound,
                simple.imaginedEnvs, simple.imaginedHorizon, simple.imaginedIterations, false, 0f, simple.bufferCapacity,
                seed);
    }

    /**
     * SimPLe's loop with continuous-control settings: 5 real episodes per round; MBPO's ensemble
     * ({@link ActorCriticConfig#mbpo}: 7 members / 5 elites of 4 × 200); per round 40 PPO updates,
     * each on 400 imagined environments × 50 steps (the paper's rollout length) from real states,
     * in minibatches of 2,000 rows; the task's known reward.
     */
    public static OnPolicyConfig simple(long seed) {
        PpoConfig ppo = PpoConfig.defaults(seed).with(2000, 0.99f, 3e-4f);
        return new OnPolicyConfig(ppo, 2048, 1, true, ActorCriticConfig.mbpo(seed).ensemble(), 5, 400, 50, 40, false, 0f,
                1_000_000, seed);
    }

    /** @return these settings with another seed (the networks' too) */
    public OnPolicyConfig withSeed(long newSeed) {
        return new OnPolicyConfig(ppo.withSeed(newSeed), stepsPerUpdate, envs, modelBased, ensemble.withSeed(newSeed),
                episodesPerRound, imaginedEnvs, imaginedHorizon, imaginedIterations, learnedReward, uncertaintyPenalty,
                bufferCapacity, newSeed);
    }
}
