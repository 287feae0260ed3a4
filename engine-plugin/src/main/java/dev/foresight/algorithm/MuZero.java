package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.env.EnvSpec;
import dev.foresight.muzero.MuZeroAgent;
import dev.foresight.onnx.MuZeroExporter;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MuZero as a run, with the run's {@link RunConfig#muzero()} settings: a {@link MuZeroAgent} whose
 * networks are exported after every round of learning as {@code OUT/muzero-representation.onnx},
 * {@code muzero-dynamics.onnx} and {@code muzero-prediction.onnx} ({@link MuZeroExporter}).
 * Discrete actions; box or discrete observations.
 */
public final class MuZero implements Algorithm {
    @Override
    public void checkSupports(EnvSpec spec) {
        spec.discreteActions("MuZero (a tree over discrete actions)");
    }

    @Override
    public Agent createAgent(EnvSpec spec, RunConfig config, RandomStream runRandom, Path out, RunListener listener) {
        Map<String, String> properties = Map.of("foresight.agent", "muzero", "foresight.seed",
                Long.toString(config.seed()));
        return new MuZeroAgent(spec, config.muzero(), (weights, steps) -> MuZeroExporter.export(weights, spec.name(),
                withSteps(properties, steps), out));
    }

    private static Map<String, String> withSteps(Map<String, String> properties, long steps) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("foresight.env_steps", Long.toString(steps));
        return all;
    }
}
