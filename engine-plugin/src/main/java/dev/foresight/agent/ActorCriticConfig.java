package dev.foresight.agent;

import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.policy.sac.SacConfig;
import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link ActorCriticAgent}: SAC alone (model-free), or MBPO (Janner et al. 2019,
 * "When to Trust Your Model", Algorithm 2) when {@code modelBased}. An <em>epoch</em> is
 * {@code epochSteps} real environment steps.
 *
 * @param sac the SAC learner (not null)
 * @param modelBased whether a learned ensemble generates data for SAC (MBPO)
 * @param ensemble the dynamics ensemble and its training (MBPO: 7 members, 5 elites, 4 × 200 SiLU; not null)
 * @param randomSteps real steps of uniformly random actions before the policy acts and learning starts (&ge;1)
 * @param updatesPerStep G: SAC gradient updates per real step (&ge;0)
 * @param modelInterval F: real steps between ensemble retrainings; each retraining is followed by
 *                      {@code rolloutsPerStep × modelInterval} model rollouts (&ge;1)
 * @param rolloutsPerStep M: model rollouts started per real step, from states of the real buffer (&ge;1)
 * @param epochSteps real steps per epoch, the unit of the rollout schedule and of data retention (&ge;1)
 * @param rollout the rollout length k as a function of the epoch (not null)
 * @param retainEpochs epochs of model data kept (&ge;1)
 * @param realRatio share of real rows in each SAC minibatch once model data exists (0…1)
 * @param learnedReward score imagined transitions with the model's learned reward instead of the task's
 *                      reward function (the ensemble must then learn the reward)
 * @param bufferCapacity the most real transitions kept (&ge;1)
 * @param seed seeds exploration, model rollouts and (through the configs) the networks
 * @param uncertaintyPenalty λ of MOPO's penalised reward in imagination, {@code r − λ·u} with
 *                           {@link dev.foresight.model.EnsembleUncertainty u} (Yu et al. 2020; &ge;0, 0: off)
 * @param offline learn from the dataset alone: real steps are played (and reported) but never
 *                stored or learned from, and the model is trained once, on the dataset
 */
public record ActorCriticConfig(SacConfig sac, boolean modelBased, EnsembleConfig ensemble, int randomSteps,
                                int updatesPerStep, int modelInterval, int rolloutsPerStep, int epochSteps,
                                RolloutSchedule rollout, int retainEpochs, float realRatio, boolean learnedReward,
                                int bufferCapacity, long seed, float uncertaintyPenalty, boolean offline) {
    /**
     * MBPO's linear rollout-length schedule {@code [epochA, epochB, kA, kB]}: k = kA up to epoch
     * epochA, kB from epoch epochB, linear in between (rounded down).
     *
     * @param epochA epoch where growth starts (&ge;0)
     * @param epochB epoch where growth ends (&ge; epochA)
     * @param kA length at first (&ge;1)
     * @param kB length at the end (&ge;1)
     */
    public record RolloutSchedule(int epochA, int epochB, int kA, int kB) {
        public RolloutSchedule {
            if (epochA < 0 || epochB < epochA || kA < 1 || kB < 1) {
                throw new IllegalArgumentException("rollout schedule needs 0 <= epochA <= epochB and lengths >= 1, got ["
                        + epochA + ", " + epochB + ", " + kA + ", " + kB + "]");
            }
        }

        /** @return the rollout length in epoch {@code epoch} (0-based) */
        public int length(int epoch) {
            if (epoch <= epochA || epochB == epochA) {
                return epoch <= epochA ? kA : kB;
            }
            if (epoch >= epochB) {
                return kB;
            }
            double t = (double) (epoch - epochA) / (epochB - epochA);
            return (int) Math.floor(kA + t * (kB - kA));
        }

        /** @return the longest length the schedule reaches */
        public int max() {
            return Math.max(kA, kB);
        }
    }

    public ActorCriticConfig {
        Objects.requireNonNull(sac, "sac");
        Objects.requireNonNull(ensemble, "ensemble");
        Objects.requireNonNull(rollout, "rollout");
        if (randomSteps < 1 || updatesPerStep < 0 || modelInterval < 1 || rolloutsPerStep < 1 || epochSteps < 1
                || retainEpochs < 1 || bufferCapacity < 1) {
            throw new IllegalArgumentException("actor-critic settings out of range: randomSteps=" + randomSteps
                    + " updatesPerStep=" + updatesPerStep + " modelInterval=" + modelInterval + " rolloutsPerStep="
                    + rolloutsPerStep + " epochSteps=" + epochSteps + " retainEpochs=" + retainEpochs
                    + " bufferCapacity=" + bufferCapacity);
        }
        if (!(realRatio >= 0 && realRatio <= 1)) {
            throw new IllegalArgumentException("realRatio must be in [0, 1], got " + realRatio);
        }
        if (!(uncertaintyPenalty >= 0) || Float.isInfinite(uncertaintyPenalty)) {
            throw new IllegalArgumentException("uncertaintyPenalty must be finite and >= 0, got " + uncertaintyPenalty);
        }
        if (uncertaintyPenalty > 0 && !modelBased) {
            throw new IllegalArgumentException("uncertaintyPenalty penalises imagined rewards: it needs modelBased (MBPO)");
        }
        if (learnedReward && !ensemble.learnReward()) {
            throw new IllegalArgumentException("learnedReward needs an ensemble that learns the reward"
                    + " (ensemble.learnReward = true)");
        }
    }

    /**
     * MBPO's defaults for short tasks: mbrl-lib's MBPO settings (7 members / 5 elites of 4 × 200
     * SiLU trained in minibatches of 128 for at most 50 epochs per retraining, retrain every 250 steps, 400 rollouts per step, real ratio 0.05, 1 epoch of model
     * data, G = 20, SAC as {@link SacConfig#defaults}) with the task's known reward in
     * imagination, 400 random steps, 200-step epochs and a rollout length growing from 1 to 10
     * over epochs 2…10.
     */
    public static ActorCriticConfig mbpo(long seed) {
        EnsembleConfig pets = EnsembleConfig.defaults(seed);
        EnsembleConfig ensemble = new EnsembleConfig(7, 5, List.of(200, 200, 200, 200), false, pets.learningRate(),
                pets.weightDecay(), 128, 50, 5, pets.validationFraction(), seed);
        return new ActorCriticConfig(SacConfig.defaults(seed), true, ensemble, 400, 20, 250, 400, 200,
                new RolloutSchedule(2, 10, 1, 10), 1, 0.05f, false, 1_000_000, seed, 0f, false);
    }

    /** Model-free SAC: 1,000 random steps, then one gradient update per real step. */
    public static ActorCriticConfig sac(long seed) {
        ActorCriticConfig mbpo = mbpo(seed);
        return new ActorCriticConfig(mbpo.sac, false, mbpo.ensemble, 1000, 1, mbpo.modelInterval, mbpo.rolloutsPerStep,
                mbpo.epochSteps, mbpo.rollout, mbpo.retainEpochs, 1f, false, 1_000_000, seed, 0f, false);
    }

    /** @return these settings with another seed (the networks' too) */
    public ActorCriticConfig withSeed(long newSeed) {
        return new ActorCriticConfig(sac.withSeed(newSeed), modelBased, ensemble.withSeed(newSeed), randomSteps,
                updatesPerStep, modelInterval, rolloutsPerStep, epochSteps, rollout, retainEpochs, realRatio, learnedReward,
                bufferCapacity, newSeed, uncertaintyPenalty, offline);
    }

    /**
     * @param penalty λ (&ge;0)
     * @param learnOffline whether to learn from the dataset alone
     * @return these settings with MOPO's penalty and the offline switch
     */
    public ActorCriticConfig withOffline(float penalty, boolean learnOffline) {
        return new ActorCriticConfig(sac, modelBased, ensemble, randomSteps, updatesPerStep, modelInterval, rolloutsPerStep,
                epochSteps, rollout, retainEpochs, realRatio, learnedReward, bufferCapacity, seed, penalty, learnOffline);
    }

    /** @return model rows kept at rollout length k: {@code k · M · F · ⌈epochSteps / F⌉ · retainEpochs} */
    public long modelCapacity(int k) {
        long perEpoch = (long) Math.ceil((double) epochSteps / modelInterval);
        return (long) k * rolloutsPerStep * modelInterval * perEpoch * retainEpochs;
    }
}
