package dev.foresight.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.foresight.Foresight;
import dev.foresight.io.AtomicFiles;
import dev.foresight.model.EnsembleWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Exports a trained probabilistic ensemble — input normalisation, the batched networks, the
 * log-variance bounds, target de-normalisation and the delta addition — as one ONNX graph
 * (IR version 8, opset 17, accepted by ONNX Runtime and by Debian's {@code python3-onnx} checker).
 *
 * <p>Inputs: {@code obs [E, batch, obsDim]}, {@code action [E, batch, actionDim]} (float32, E fixed,
 * batch symbolic). Outputs: {@code next_obs_mean} and {@code next_obs_logvar} {@code [E, batch, obsDim]},
 * and if the reward is learned {@code reward_mean} and {@code reward_logvar} {@code [E, batch, 1]}.
 * The computation is the one documented in {@link EnsembleWeights}.
 *
 * <p>Thread-safe (stateless).
 */
public final class OnnxExporter {
    /** ONNX IR version written. */
    public static final int IR_VERSION = 8;
    /** Default-domain opset written. */
    public static final int OPSET = 17;

    private OnnxExporter() {
    }

    /**
     * Writes the model atomically.
     *
     * @param weights the ensemble (not null)
     * @param metadata facts stored in the file (not null; its name lists must match the dimensions)
     * @param file the {@code .onnx} file to create or replace
     * @throws IOException if the file cannot be written (an existing file is then unchanged)
     */
    public static void export(EnsembleWeights weights, ModelMetadata metadata, Path file) throws IOException {
        AtomicFiles.write(file, toModel(weights, metadata).toByteArray());
    }

    /**
     * @return the ONNX model as a protobuf message
     * @throws IllegalArgumentException if the metadata's names do not match the weights' dimensions
     */
    public static ModelProto toModel(EnsembleWeights weights, ModelMetadata metadata) {
        int obsDim = weights.obsDim();
        int actionDim = weights.actionDim();
        if (metadata.obsNames().size() != obsDim || metadata.actionNames().size() != actionDim) {
            throw new IllegalArgumentException("metadata names " + metadata.obsNames().size() + " observations and "
                    + metadata.actionNames().size() + " actions, but the model has obsDim=" + obsDim + ", actionDim=" + actionDim);
        }
        int members = weights.members();
        int targetDim = weights.targetDim();
        GraphBuilder g = new GraphBuilder("foresight_dynamics_ensemble");
        String obs = g.input("obs", members, "batch", obsDim);
        String action = g.input("action", members, "batch", actionDim);

        String x = g.node("Concat", null, GraphBuilder.intAttribute("axis", 2), obs, action);
        x = g.node("Sub", null, x, g.constant("input_mean", weights.inputNormalizer().mean(), obsDim + actionDim));
        String h = g.node("Div", null, x, g.constant("input_std", weights.inputNormalizer().std(), obsDim + actionDim));
        int[] sizes = weights.layerSizes();
        for (int l = 0; l < weights.layers(); l++) {
            String w = g.constant("w" + l, weights.weights()[l], members, sizes[l], sizes[l + 1]);
            String b = g.constant("b" + l, weights.biases()[l], members, 1, sizes[l + 1]);
            h = g.node("Add", null, g.node("MatMul", null, h, w), b);
            if (l < weights.layers() - 1) {
                h = g.node("Mul", null, h, g.node("Sigmoid", null, h)); // SiLU
            }
        }
        String axes = g.longs("axis_last", 2);
        String mean = g.node("Slice", null, h, g.longs("start_0", 0), g.longs("end_target", targetDim), axes);
        String raw = g.node("Slice", null, h, g.longs("start_target", targetDim), g.longs("end_2target", 2L * targetDim), axes);
        String maxLogVar = g.constant("max_logvar", weights.maxLogVar(), targetDim);
        String minLogVar = g.constant("min_logvar", weights.minLogVar(), targetDim);
        String logVar = g.node("Sub", null, maxLogVar, g.node("Softplus", null, g.node("Sub", null, maxLogVar, raw)));
        logVar = g.node("Add", null, minLogVar, g.node("Softplus", null, g.node("Sub", null, logVar, minLogVar)));

        float[] targetStd = weights.targetNormalizer().std();
        float[] logTargetVariance = new float[targetDim];
        for (int d = 0; d < targetDim; d++) {
            logTargetVariance[d] = (float) (2 * Math.log(targetStd[d]));
        }
        float[] outputScale = weights.targetNormalizer().outputScale();
        String delta = g.node("Add", null, g.node("Mul", null, mean, g.constant("target_scale", outputScale, targetDim)),
                g.constant("target_mean", weights.targetNormalizer().mean(), targetDim));
        String realLogVar = g.node("Add", null, logVar, g.constant("target_log_variance", logTargetVariance, targetDim));

        if (weights.learnsReward()) {
            String obsEnd = g.longs("end_obs", obsDim);
            String rewardEnd = g.longs("end_reward", obsDim + 1L);
            String obsDelta = g.node("Slice", null, delta, g.longs("start_obs", 0), obsEnd, axes);
            g.node("Add", "next_obs_mean", obs, obsDelta);
            g.node("Slice", "next_obs_logvar", realLogVar, "start_obs", obsEnd, axes);
            g.node("Slice", "reward_mean", delta, obsEnd, rewardEnd, axes);
            g.node("Slice", "reward_logvar", realLogVar, obsEnd, rewardEnd, axes);
        } else {
            g.node("Add", "next_obs_mean", obs, delta);
            g.node("Identity", "next_obs_logvar", realLogVar);
        }
        g.output("next_obs_mean", members, "batch", obsDim);
        g.output("next_obs_logvar", members, "batch", obsDim);
        if (weights.learnsReward()) {
            g.output("reward_mean", members, "batch", 1);
            g.output("reward_logvar", members, "batch", 1);
        }

        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("foresight")
                .setProducerVersion(Foresight.VERSION)
                .setDocString("Probabilistic dynamics ensemble (PETS) for '" + metadata.envName() + "'")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g.build());
        Map<String, String> props = metadata.toProperties(members, weights.learnsReward(), sizes, Foresight.VERSION);
        props.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }
}
