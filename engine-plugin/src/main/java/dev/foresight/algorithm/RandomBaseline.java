package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.agent.PolicyAgent;
import dev.foresight.env.EnvSpec;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;

/** The random baseline: uniformly random actions from a stream split off the run's; it never learns. */
public final class RandomBaseline implements Algorithm {
    /** Random actions suit every environment whose actions can be sampled (all built-in ones). */
    @Override
    public void checkSupports(EnvSpec spec) {
    }

    @Override
    public Agent createAgent(EnvSpec spec, RunConfig config, RandomStream runRandom, Path out, RunListener listener) {
        return PolicyAgent.random(spec, runRandom.split());
    }
}
