package dev.foresight.onnx;

import dev.foresight.env.EnvSpec;
import dev.foresight.model.ModelKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts stored in an exported model's ONNX metadata ({@code metadata_props}), so that a file
 * explains itself and can be checked against the environment it is used in.
 *
 * @param envName the environment the model was trained in, e.g. {@code "pendulum"}
 * @param obsNames observation component names ({@code obsDim} of them)
 * @param actionNames action component names ({@code actionDim} of them)
 * @param trainingSamples transitions the model was trained on
 * @param extra further entries (e.g. the seed or the command that made it); may be empty
 */
public record ModelMetadata(String envName, List<String> obsNames, List<String> actionNames, long trainingSamples,
                            Map<String, String> extra) {
    /** Metadata key of the file format marker: the model's kind ({@link ModelKind#format()}). */
    public static final String FORMAT_KEY = "foresight.format";
    /** The format of exported dynamics ensembles. */
    public static final String FORMAT = ModelKind.GAUSSIAN_ENSEMBLE.format();

    public ModelMetadata {
        obsNames = List.copyOf(obsNames);
        actionNames = List.copyOf(actionNames);
        extra = Map.copyOf(extra);
    }

    /**
     * The kind a Foresight ONNX file says it holds ({@link #FORMAT_KEY}), read from its bytes without
     * starting ONNX Runtime.
     *
     * @param onnx the bytes of an {@code .onnx} file (unaffected)
     * @return the kind, or null if the bytes are not an ONNX model or carry no known Foresight kind
     */
    public static ModelKind kindOf(byte[] onnx) {
        try {
            for (ai.onnx.proto.OnnxMl.StringStringEntryProto entry
                    : ai.onnx.proto.OnnxMl.ModelProto.parseFrom(onnx).getMetadataPropsList()) {
                if (entry.getKey().equals(FORMAT_KEY)) {
                    return ModelKind.ofFormat(entry.getValue());
                }
            }
            return null;
        } catch (com.google.protobuf.InvalidProtocolBufferException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param spec the environment the model was trained in (its name and the names of its spaces)
     * @param trainingSamples transitions the model was trained on
     * @param extra further entries (e.g. the seed); may be empty
     * @return the metadata
     */
    public static ModelMetadata of(EnvSpec spec, long trainingSamples, Map<String, String> extra) {
        return new ModelMetadata(spec.name(), List.of(spec.observationSpace().names()), List.of(spec.actionSpace().names()),
                trainingSamples, extra);
    }

    /** @return the entries as written to the file, in a stable order */
    Map<String, String> toProperties(int members, boolean learnsReward, int[] layerSizes, String libraryVersion) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(FORMAT_KEY, FORMAT);
        props.put("foresight.env", envName);
        props.put("foresight.obs_dim", Integer.toString(obsNames.size()));
        props.put("foresight.action_dim", Integer.toString(actionNames.size()));
        props.put("foresight.obs_names", String.join(",", obsNames));
        props.put("foresight.action_names", String.join(",", actionNames));
        props.put("foresight.members", Integer.toString(members));
        props.put("foresight.learns_reward", Boolean.toString(learnsReward));
        props.put("foresight.layer_sizes", java.util.Arrays.toString(layerSizes));
        props.put("foresight.training_samples", Long.toString(trainingSamples));
        props.put("foresight.library_version", libraryVersion);
        new java.util.TreeMap<>(extra).forEach((k, v) -> props.put("foresight.extra." + k, v));
        return props;
    }
}
