package dev.foresight.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.foresight.Foresight;
import dev.foresight.io.AtomicFiles;
import dev.foresight.model.ModelKind;
import dev.foresight.model.latent.MuZeroWeights;
import dev.foresight.model.latent.ValueTransform;
import dev.foresight.policy.ActorWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes MuZero's three networks ({@link MuZeroWeights}) as three ONNX files (IR 8, opset 17),
 * each with metadata {@code foresight.format=latent/1} and {@code foresight.muzero.role} naming its
 * function, so that a game runs the search on ONNX Runtime alone ({@link OnnxLatentModel}):
 * <ul>
 *   <li>{@value #REPRESENTATION}: {@code obs [N, obsDim] → latent [N, latentDim]};</li>
 *   <li>{@value #DYNAMICS}: {@code latent [N, latentDim], action [N, actions] (one-hot) →
 *       next_latent [N, latentDim], reward [N, 1]};</li>
 *   <li>{@value #PREDICTION}: {@code latent [N, latentDim] → policy_logits [N, actions], value [N, 1]}.</li>
 * </ul>
 * Latents come out min-max normalised and rewards and values as returns (the value transform
 * inverted inside the graph), exactly as {@link MuZeroWeights} computes them.
 */
public final class MuZeroExporter {
    /** The representation network's file name. */
    public static final String REPRESENTATION = "muzero-representation.onnx";
    /** The dynamics network's file name. */
    public static final String DYNAMICS = "muzero-dynamics.onnx";
    /** The prediction network's file name. */
    public static final String PREDICTION = "muzero-prediction.onnx";
    /** Metadata key of a file's role: representation, dynamics or prediction. */
    public static final String ROLE_KEY = "foresight.muzero.role";

    private MuZeroExporter() {
    }

    /**
     * Writes the three files into {@code dir}, each replaced atomically.
     *
     * @param weights the networks (not null)
     * @param envName the environment they were trained on
     * @param properties further metadata (e.g. agent, seed, env_steps; not null)
     * @param dir the folder (exists)
     * @throws IOException if a file cannot be written
     */
    public static void export(MuZeroWeights weights, String envName, Map<String, String> properties, Path dir)
            throws IOException {
        ModelProto[] models = toModels(weights, envName, properties);
        String[] files = {REPRESENTATION, DYNAMICS, PREDICTION};
        for (int i = 0; i < 3; i++) {
            AtomicFiles.write(dir.resolve(files[i]), models[i].toByteArray());
        }
    }

    /**
     * @return {representation, dynamics, prediction} as protobuf messages
     */
    public static ModelProto[] toModels(MuZeroWeights weights, String envName, Map<String, String> properties) {
        int latentDim = weights.latentDim();
        int actions = weights.actions();

        GraphBuilder h = new GraphBuilder("muzero_representation");
        String obs = h.input("obs", "batch", weights.obsDim());
        normalise(h, dense(h, obs, weights.representation()), "latent");
        h.output("latent", "batch", latentDim);

        GraphBuilder g = new GraphBuilder("muzero_dynamics");
        String latent = g.input("latent", "batch", latentDim);
        String action = g.input("action", "batch", actions);
        String out = dense(g, g.node("Concat", null, GraphBuilder.intAttribute("axis", 1), latent, action),
                weights.dynamicsNet());
        normalise(g, slice(g, out, 0, latentDim), "next_latent");
        inverseTransform(g, slice(g, out, latentDim, latentDim + 1), "reward");
        g.output("next_latent", "batch", latentDim);
        g.output("reward", "batch", 1);

        GraphBuilder f = new GraphBuilder("muzero_prediction");
        String state = f.input("latent", "batch", latentDim);
        String pv = dense(f, state, weights.prediction());
        f.node("Identity", "policy_logits", slice(f, pv, 0, actions));
        inverseTransform(f, slice(f, pv, actions, actions + 1), "value");
        f.output("policy_logits", "batch", actions);
        f.output("value", "batch", 1);

        Map<String, String> common = new LinkedHashMap<>();
        common.put("foresight.env", envName);
        common.put("foresight.muzero.obs_dim", Integer.toString(weights.obsDim()));
        common.put("foresight.muzero.latent_dim", Integer.toString(latentDim));
        common.put("foresight.muzero.actions", Integer.toString(actions));
        common.put("foresight.muzero.value_transform",
                String.format(Locale.ROOT, "inverted in the graph: h(x) = sign(x)(sqrt(|x|+1)-1) + %s x",
                        Float.toString(ValueTransform.EPSILON)));
        common.putAll(properties);
        return new ModelProto[] {model(h, "representation", "h(obs) -> latent", common),
            model(g, "dynamics", "g(latent, action) -> (next_latent, reward)", common),
            model(f, "prediction", "f(latent) -> (policy_logits, value)", common)};
    }

    private static ModelProto model(GraphBuilder graph, String role, String doc, Map<String, String> common) {
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(OnnxExporter.IR_VERSION)
                .setProducerName("foresight")
                .setProducerVersion(Foresight.VERSION)
                .setDocString("MuZero " + role + " network: " + doc)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.OPSET))
                .setGraph(graph.build());
        Map<String, String> props = new LinkedHashMap<>();
        props.put(ModelMetadata.FORMAT_KEY, ModelKind.LATENT.format());
        props.put(ROLE_KEY, role);
        props.put("foresight.version", Foresight.VERSION);
        props.putAll(common);
        props.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    private static String dense(GraphBuilder g, String input, MuZeroWeights.Dense net) {
        return PolicyExporter.dense(g, "", input, net.sizes(), net.weights(), net.biases(), ActorWeights.Activation.RELU,
                new float[0], new float[0]);
    }

    private static String slice(GraphBuilder g, String input, int from, int to) {
        String id = from + "_" + to;
        return g.node("Slice", null, input, g.longs("starts_" + id, from), g.longs("ends_" + id, to),
                g.longs("axes_" + id, 1));
    }

    /** {@code (x − min) / (max − min + ε)} per row, as {@link MuZeroWeights#normalise}. */
    private static void normalise(GraphBuilder g, String x, String output) {
        String min = g.node("ReduceMin", null, GraphBuilder.intsAttribute("axes", 1), x);
        String max = g.node("ReduceMax", null, GraphBuilder.intsAttribute("axes", 1), x);
        String range = g.node("Add", null, g.node("Sub", null, max, min),
                g.constant(output + "_range_epsilon", new float[] {MuZeroWeights.RANGE_EPSILON}, 1));
        g.node("Div", output, g.node("Sub", null, x, min), range);
    }

    /** {@link ValueTransform#inverse}, in the same cancellation-free form. */
    private static void inverseTransform(GraphBuilder g, String y, String output) {
        float eps = ValueTransform.EPSILON;
        String c = g.node("Add", null, g.node("Abs", null, y), g.constant(output + "_c", new float[] {1f + eps}, 1));
        String root = g.node("Sqrt", null, g.node("Add", null, g.node("Mul", null, c,
                g.constant(output + "_4eps", new float[] {4f * eps}, 1)), g.constant(output + "_one", new float[] {1f}, 1)));
        String u = g.node("Div", null, g.node("Mul", null, c, g.constant(output + "_two", new float[] {2f}, 1)),
                g.node("Add", null, root, output + "_one"));
        String square = g.node("Sub", null, g.node("Mul", null, u, u), output + "_one");
        g.node("Mul", output, g.node("Sign", null, y), square);
    }
}
