package dev.foresight.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.foresight.Foresight;
import dev.foresight.io.AtomicFiles;
import dev.foresight.policy.ActorWeights;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a deterministic actor ({@link ActorWeights}) as {@code policy.onnx}: input
 * {@code obs [N, obsDim]}, output {@code action [N, actionDim]}, IR 8 / opset 17 (Debian's checker
 * accepts it), metadata {@code foresight.format=policy/1} with the environment, names, algorithm
 * and environment steps ({@link PolicyMetadata}). The observation normalisation is folded into the
 * first layer. A game runs it per agent with {@link OnnxPolicy}.
 */
public final class PolicyExporter {
    private PolicyExporter() {
    }

    /**
     * @param weights the actor (not null)
     * @param metadata what the file says about itself (names must match the sizes)
     * @param file the {@code .onnx} file to create or replace (atomically)
     * @throws IOException if the file cannot be written (an existing file is then unchanged)
     */
    public static void export(ActorWeights weights, PolicyMetadata metadata, Path file) throws IOException {
        AtomicFiles.write(file, toModel(weights, metadata).toByteArray());
    }

    /**
     * @return the ONNX model as a protobuf message
     * @throws IllegalArgumentException if the metadata's names do not match the actor's sizes
     */
    public static ModelProto toModel(ActorWeights weights, PolicyMetadata metadata) {
        int obsDim = weights.obsDim();
        int actionDim = weights.actionDim();
        if (metadata.obsNames().size() != obsDim || metadata.actionNames().size() != actionDim) {
            throw new IllegalArgumentException("metadata names " + metadata.obsNames().size() + " observations and "
                    + metadata.actionNames().size() + " actions, but the actor has obsDim=" + obsDim + ", actionDim="
                    + actionDim);
        }
        GraphBuilder g = new GraphBuilder("foresight_policy");
        String h = g.input("obs", "batch", obsDim);
        int[] sizes = weights.layerSizes();
        for (int l = 0; l < weights.layers(); l++) {
            float[] w = weights.weights()[l];
            float[] b = weights.biases()[l];
            if (l == 0) { // (obs − mean)/std · W + b = obs · (W / std) + (b − (mean / std) · W)
                w = w.clone();
                b = b.clone();
                for (int i = 0; i < sizes[0]; i++) {
                    float inverse = 1f / weights.obsStd()[i];
                    float shift = weights.obsMean()[i] * inverse;
                    for (int j = 0; j < sizes[1]; j++) {
                        b[j] -= shift * w[i * sizes[1] + j];
                        w[i * sizes[1] + j] *= inverse;
                    }
                }
            }
            h = g.node("Add", null, g.node("MatMul", null, h, g.constant("w" + l, w, sizes[l], sizes[l + 1])),
                    g.constant("b" + l, b, sizes[l + 1]));
            if (l < weights.layers() - 1) {
                h = switch (weights.activation()) {
                    case RELU -> g.node("Relu", null, h);
                    case TANH -> g.node("Tanh", null, h);
                    case SILU -> g.node("Mul", null, h, g.node("Sigmoid", null, h));
                };
            }
        }
        float[] low = weights.actionLow();
        float[] high = weights.actionHigh();
        if (weights.squash() == ActorWeights.Squash.TANH) {
            float[] centre = new float[actionDim];
            float[] half = new float[actionDim];
            for (int j = 0; j < actionDim; j++) {
                centre[j] = 0.5f * (high[j] + low[j]);
                half[j] = 0.5f * (high[j] - low[j]);
            }
            g.node("Add", "action", g.constant("centre", centre, actionDim),
                    g.node("Mul", null, g.node("Tanh", null, h), g.constant("half_range", half, actionDim)));
        } else {
            g.node("Min", "action", g.node("Max", null, h, g.constant("low", low, actionDim)),
                    g.constant("high", high, actionDim));
        }
        g.output("action", "batch", actionDim);
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(OnnxExporter.IR_VERSION)
                .setProducerName("foresight")
                .setProducerVersion(Foresight.VERSION)
                .setDocString("Policy (" + metadata.algorithm() + ") for '" + metadata.envName() + "'")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.OPSET))
                .setGraph(g.build());
        metadata.toProperties(Foresight.VERSION)
                .forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }
}
