package dev.foresight.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.foresight.Foresight;
import dev.foresight.io.AtomicFiles;
import dev.foresight.policy.ActorWeights;
import dev.foresight.policy.CriticWeights;
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
        export(weights, null, metadata, file);
    }

    /**
     * Exports the actor and, if given, its critic as a second output {@code value [N, 1]}: the
     * critic's value of {@code obs} (a state value), or of {@code obs} and the actor's own action
     * (action values, the minimum over members) — what a planner adds at its horizon.
     *
     * @param weights the actor (not null)
     * @param critic the critic, or null for an actor alone
     * @param metadata what the file says about itself (names must match the sizes)
     * @param file the {@code .onnx} file to create or replace (atomically)
     * @throws IOException if the file cannot be written (an existing file is then unchanged)
     */
    public static void export(ActorWeights weights, CriticWeights critic, PolicyMetadata metadata, Path file)
            throws IOException {
        AtomicFiles.write(file, toModel(weights, critic, metadata).toByteArray());
    }

    /**
     * @return the ONNX model as a protobuf message
     * @throws IllegalArgumentException if the metadata's names do not match the actor's sizes
     */
    public static ModelProto toModel(ActorWeights weights, PolicyMetadata metadata) {
        return toModel(weights, null, metadata);
    }

    /**
     * @return the ONNX model of the actor and its critic (null: none) as a protobuf message
     * @throws IllegalArgumentException if the metadata's names or the critic's sizes do not match the actor's
     */
    public static ModelProto toModel(ActorWeights weights, CriticWeights critic, PolicyMetadata metadata) {
        int obsDim = weights.obsDim();
        int actionDim = weights.actionDim();
        if (metadata.obsNames().size() != obsDim || metadata.actionNames().size() != actionDim) {
            throw new IllegalArgumentException("metadata names " + metadata.obsNames().size() + " observations and "
                    + metadata.actionNames().size() + " actions, but the actor has obsDim=" + obsDim + ", actionDim="
                    + actionDim);
        }
        if (critic != null && (critic.obsDim() != obsDim || (critic.actionDim() != 0 && critic.actionDim() != actionDim))) {
            throw new IllegalArgumentException("the critic takes obsDim=" + critic.obsDim() + ", actionDim="
                    + critic.actionDim() + "; the actor has " + obsDim + ", " + actionDim);
        }
        GraphBuilder g = new GraphBuilder("foresight_policy");
        String obs = g.input("obs", "batch", obsDim);
        String h = dense(g, "", obs, weights.layerSizes(), weights.weights(), weights.biases(), weights.activation(),
                weights.obsMean(), weights.obsStd());
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
        if (critic != null) {
            String input = critic.actionDim() == 0 ? obs
                    : g.node("Concat", null, GraphBuilder.intAttribute("axis", 1), obs, "action");
            String[] members = new String[critic.members()];
            for (int m = 0; m < members.length; m++) {
                members[m] = dense(g, "q" + m + "_", input, critic.layerSizes(), critic.weights()[m], critic.biases()[m],
                        critic.activation(), critic.obsMean(), critic.obsStd());
            }
            String least = members.length == 1 ? members[0] : g.node("Min", null, members);
            g.node("Mul", "value", least, g.constant("value_scale", new float[] {critic.outputScale()}, 1));
            g.output("value", "batch", 1);
        }
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

    /**
     * Emits a dense net on {@code input}; the observation normalisation is folded into the first
     * layer's first {@code obsMean.length} rows: {@code (x − mean)/std · W + b = x · (W / std) + (b − (mean / std) · W)}.
     *
     * @return the name of the net's output
     */
    static String dense(GraphBuilder g, String prefix, String input, int[] sizes, float[][] weights,
                                float[][] biases, ActorWeights.Activation activation, float[] obsMean, float[] obsStd) {
        String h = input;
        for (int l = 0; l < weights.length; l++) {
            float[] w = weights[l];
            float[] b = biases[l];
            if (l == 0) {
                w = w.clone();
                b = b.clone();
                for (int i = 0; i < obsMean.length; i++) {
                    float inverse = 1f / obsStd[i];
                    float shift = obsMean[i] * inverse;
                    for (int j = 0; j < sizes[1]; j++) {
                        b[j] -= shift * w[i * sizes[1] + j];
                        w[i * sizes[1] + j] *= inverse;
                    }
                }
            }
            h = g.node("Add", null, g.node("MatMul", null, h, g.constant(prefix + "w" + l, w, sizes[l], sizes[l + 1])),
                    g.constant(prefix + "b" + l, b, sizes[l + 1]));
            if (l < weights.length - 1) {
                h = switch (activation) {
                    case RELU -> g.node("Relu", null, h);
                    case TANH -> g.node("Tanh", null, h);
                    case SILU -> g.node("Mul", null, h, g.node("Sigmoid", null, h));
                };
            }
        }
        return h;
    }
}
