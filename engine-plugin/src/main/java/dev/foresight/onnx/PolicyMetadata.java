package dev.foresight.onnx;

import dev.foresight.env.EnvSpec;
import dev.foresight.model.ModelKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Facts stored in an exported policy's ONNX metadata, so that the file explains itself and can be
 * checked against the environment it is used in.
 *
 * @param envName the environment the policy was trained in
 * @param obsNames observation component names ({@code obsDim} of them)
 * @param actionNames action component names ({@code actionDim} of them)
 * @param algorithm what trained it, e.g. "sac", "mbpo", "ppo"
 * @param envSteps real environment steps it was trained with
 * @param extra further entries (e.g. the seed); may be empty
 */
public record PolicyMetadata(String envName, List<String> obsNames, List<String> actionNames, String algorithm,
                             long envSteps, Map<String, String> extra) {
    public PolicyMetadata {
        obsNames = List.copyOf(obsNames);
        actionNames = List.copyOf(actionNames);
        extra = Map.copyOf(extra);
    }

    /** @return the metadata of a policy for an environment */
    public static PolicyMetadata of(EnvSpec spec, String algorithm, long envSteps, Map<String, String> extra) {
        return new PolicyMetadata(spec.name(), List.of(spec.observationSpace().names()), List.of(spec.actionSpace().names()),
                algorithm, envSteps, extra);
    }

    /** @return the entries as written to the file, in a stable order */
    Map<String, String> toProperties(String libraryVersion) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(ModelMetadata.FORMAT_KEY, ModelKind.POLICY.format());
        props.put("foresight.env", envName);
        props.put("foresight.obs_dim", Integer.toString(obsNames.size()));
        props.put("foresight.action_dim", Integer.toString(actionNames.size()));
        props.put("foresight.obs_names", String.join(",", obsNames));
        props.put("foresight.action_names", String.join(",", actionNames));
        props.put("foresight.algorithm", algorithm);
        props.put("foresight.env_steps", Long.toString(envSteps));
        props.put("foresight.library_version", libraryVersion);
        new TreeMap<>(extra).forEach((k, v) -> props.put("foresight.extra." + k, v));
        return props;
    }
}
