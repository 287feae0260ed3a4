package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.agent.OnPolicyConfig;
import dev.foresight.agent.PpoAgent;
import dev.foresight.env.EnvSpec;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;

/**
 * PPO (model-free) and SimPLe as runs: a {@link PpoAgent} with the run's
 * {@link RunConfig#onPolicy()} settings taken as they are ({@code --agent ppo} and
 * {@code --agent simple} differ only in the settings the command line fills in,
 * {@link OnPolicyConfig#ppo} / {@link OnPolicyConfig#simple}, and in the name written into the
 * files). Each run leaves {@code OUT/policy.onnx} and, for SimPLe, {@code OUT/dynamics.onnx}.
 */
public final class OnPolicy implements Algorithm {
    private final String name;

    /** @param name the algorithm's name in exported files ("ppo" or "simple") */
    OnPolicy(String name) {
        this.name = name;
    }

    @Override
    public void checkSupports(EnvSpec spec) {
        spec.continuousActions("PPO");
    }

    @Override
    public Agent createAgent(EnvSpec spec, RunConfig config, RandomStream runRandom, Path out, RunListener listener) {
        if (config.dataset() != null) {
            throw new IllegalArgumentException("--agent " + name + " learns from its own episodes and takes no dataset;"
                    + " drop --dataset (MBPO and PETS start from one)");
        }
        return new PpoAgent(spec, config.onPolicy(), name, out.resolve(ActorCritic.POLICY_FILE),
                out.resolve(Pets.MODEL_FILE));
    }
}
