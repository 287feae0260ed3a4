package dev.foresight.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.foresight.Foresight;
import dev.foresight.io.AtomicFiles;
import dev.foresight.model.ensemble.EnsembleWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Exports a trained probabilistic ensemble — input normalisation, the batched networks, the
 * log-variance bounds, target de-normalisation and the delta addition — as one ONNX graph
 * (IR version 8, opset 17, accepted by ONNX Runtime and by Debian's {@code python3-onnx} checker).
 *
 * <p>Inputs: {@code obs [E, batch, obsDim]}, {@code action [E, batch, actionDim]} (float32, E fixed,
 * batch symbolic). Outputs: {@code next_obs_mean}, {@code next_obs_logvar} and {@code next_obs_std} (= exp(logvar/2), for samplers) {@code [E, batch, obsDim]},
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

        // Constant folding for speed (ONNX Runtime spends most of a small model's time in element-wise
        // ops on [E, batch, obsDim] tensors, not in MatMul): the input normalisation is folded into
        // the first layer, the target de-normalisation and log target variance into the last, and
        // the log-variance bounds are rewritten with vectorised ops (below). All are exact
        // algebraically; see OnnxExportTest for the numbers.
        Folded folded = fold(weights);
        // Features-major layout: h is [E, features, batch], so that adding a bias or a bound is a
        // broadcast of one value along a contiguous row of the batch (fast), not of a short vector
        // along each row of a narrow [batch, features] tensor (slow in ONNX Runtime).
        AttributeProto swapLast = GraphBuilder.intsAttribute("perm", 0, 2, 1);
        String x = g.node("Concat", null, GraphBuilder.intAttribute("axis", 2), obs, action);
        String h = g.node("Transpose", null, swapLast, x);
        int[] sizes = weights.layerSizes();
        for (int l = 0; l < weights.layers(); l++) {
            String w = g.constant("w" + l, transposed(folded.weights[l], members, sizes[l], sizes[l + 1]),
                    members, sizes[l + 1], sizes[l]);
            String b = g.constant("b" + l, folded.biases[l], members, sizes[l + 1], 1);
            h = g.node("Add", null, g.node("MatMul", null, w, h), b);
            if (l < weights.layers() - 1) {
                h = g.node("Mul", null, h, g.node("Sigmoid", null, h)); // SiLU
            }
        }
        String axes = g.longs("axis_features", 1);
        String meanRows = g.node("Slice", null, h, g.longs("start_0", 0), g.longs("end_target", targetDim), axes);
        // The bounded log-variance, min + softplus(max − softplus(max − raw) − min), rewritten without
        // its two Logs and Exps (exactly, algebraically): with z = raw − max (folded into the last
        // bias) and u = 1 + exp(max − min)·sigmoid(z) ≥ 1, logvar = min + log(u) and
        // std = exp(min/2)·sqrt(u). Sigmoid, Mul, Add and Sqrt are vectorised in ONNX Runtime; Log
        // and Exp on these small tensors were a fifth of a realtime-sized call.
        String z = g.node("Slice", null, h, g.longs("start_target", targetDim), g.longs("end_2target", 2L * targetDim), axes);
        String one = g.constant("one", new float[] {1f}, 1);
        String u = g.node("Add", null, one,
                g.node("Mul", null, g.node("Sigmoid", null, z), g.constant("exp_range", folded.expRange, targetDim, 1)));
        String logVar = g.node("Add", null, g.constant("min_logvar", folded.minLogVar, targetDim, 1), g.node("Log", null, u));
        String stdRows = g.node("Mul", null, g.node("Sqrt", null, u), g.constant("min_std", folded.minStd, targetDim, 1));
        String delta = g.node("Transpose", null, swapLast, meanRows);
        String realLogVar = g.node("Transpose", null, swapLast, logVar);
        String std = g.node("Transpose", null, swapLast, stdRows);

        if (weights.learnsReward()) {
            axes = g.longs("axis_last", 2);
            String obsEnd = g.longs("end_obs", obsDim);
            String rewardEnd = g.longs("end_reward", obsDim + 1L);
            String obsDelta = g.node("Slice", null, delta, g.longs("start_obs", 0), obsEnd, axes);
            g.node("Add", "next_obs_mean", obs, obsDelta);
            g.node("Slice", "next_obs_logvar", realLogVar, "start_obs", obsEnd, axes);
            g.node("Slice", "next_obs_std", std, "start_obs", obsEnd, axes);
            g.node("Slice", "reward_mean", delta, obsEnd, rewardEnd, axes);
            g.node("Slice", "reward_logvar", realLogVar, obsEnd, rewardEnd, axes);
        } else {
            g.node("Add", "next_obs_mean", obs, delta);
            g.node("Identity", "next_obs_logvar", realLogVar);
            g.node("Identity", "next_obs_std", std);
        }
        g.output("next_obs_mean", members, "batch", obsDim);
        g.output("next_obs_logvar", members, "batch", obsDim);
        g.output("next_obs_std", members, "batch", obsDim);
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

    /** @return {@code [E, in, out]} row-major as {@code [E, out, in]} */
    private static float[] transposed(float[] w, int members, int in, int out) {
        float[] t = new float[w.length];
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    t[m * in * out + j * in + i] = w[m * in * out + i * out + j];
                }
            }
        }
        return t;
    }

    /**
     * The weights with the normalisations folded in (see {@link #toModel}); per target dimension
     * {@code expRange = exp(max − min)}, the lower log-variance bound {@code minLogVar} and
     * {@code minStd = exp(minLogVar / 2)}, in real (de-normalised) units.
     */
    private record Folded(float[][] weights, float[][] biases, float[] expRange, float[] minLogVar, float[] minStd) {
    }

    private static Folded fold(EnsembleWeights source) {
        int members = source.members();
        int[] sizes = source.layerSizes();
        int layers = source.layers();
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = source.weights()[l].clone();
            b[l] = source.biases()[l].clone();
        }
        // Layer 0: ((x − μ)/σ)·W + b = x·(W/σ) + (b − (μ/σ)·W).
        float[] inMean = source.inputNormalizer().mean();
        float[] inStd = source.inputNormalizer().std();
        int in = sizes[0];
        int out = sizes[1];
        for (int m = 0; m < members; m++) {
            for (int j = 0; j < out; j++) {
                double shift = 0;
                for (int i = 0; i < in; i++) {
                    int k = m * in * out + i * out + j;
                    shift += (double) inMean[i] / inStd[i] * source.weights()[0][k];
                    w[0][k] = source.weights()[0][k] / inStd[i];
                }
                b[0][m * out + j] = (float) (source.biases()[0][m * out + j] - shift);
            }
        }
        // Last layer: the mean half times the output scale plus the target mean; the log-variance
        // half minus its upper bound (z = raw − max, see toModel). Shifting every log-variance by
        // the log target variance commutes with the bounding, so only the lower bound carries it.
        int targetDim = source.targetDim();
        int last = layers - 1;
        in = sizes[last];
        out = sizes[last + 1];
        float[] scale = source.targetNormalizer().outputScale();
        float[] targetMean = source.targetNormalizer().mean();
        float[] targetStd = source.targetNormalizer().std();
        float[] expRange = new float[targetDim];
        float[] min = new float[targetDim];
        float[] minStd = new float[targetDim];
        for (int d = 0; d < targetDim; d++) {
            double logTargetVariance = 2 * Math.log(targetStd[d]);
            expRange[d] = (float) Math.exp((double) source.maxLogVar()[d] - source.minLogVar()[d]);
            min[d] = (float) (source.minLogVar()[d] + logTargetVariance);
            minStd[d] = (float) Math.exp(0.5 * (source.minLogVar()[d] + logTargetVariance));
        }
        for (int m = 0; m < members; m++) {
            for (int d = 0; d < targetDim; d++) {
                for (int i = 0; i < in; i++) {
                    w[last][m * in * out + i * out + d] *= scale[d];
                }
                int mean = m * out + d;
                b[last][mean] = b[last][mean] * scale[d] + targetMean[d];
                b[last][m * out + targetDim + d] -= source.maxLogVar()[d];
            }
        }
        return new Folded(w, b, expRange, min, minStd);
    }
}
