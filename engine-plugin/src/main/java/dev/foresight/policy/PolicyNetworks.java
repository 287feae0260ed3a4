package dev.foresight.policy;

import java.util.List;

/** What the policy learners share when they build their networks: checked bounds and layer sizes. */
public final class PolicyNetworks {
    private PolicyNetworks() {
    }

    /**
     * Checks a learner's dimensions and action bounds.
     *
     * @param learner the learner's name for the message, e.g. "SAC"
     * @param obsDim observation size
     * @param low lower action bounds
     * @param high upper action bounds
     * @throws IllegalArgumentException if obsDim &lt; 1, the bounds differ in length or are empty, or a
     *         dimension is not finite with low &lt; high (the message names it)
     */
    public static void checkBounds(String learner, int obsDim, float[] low, float[] high) {
        if (obsDim < 1 || low.length < 1 || low.length != high.length) {
            throw new IllegalArgumentException("need obsDim >= 1 and equal-length action bounds, got obsDim=" + obsDim
                    + ", bounds " + low.length + " and " + high.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (!Float.isFinite(low[i]) || !Float.isFinite(high[i]) || !(low[i] < high[i])) {
                throw new IllegalArgumentException(learner + " needs finite action bounds with low < high; dimension " + i
                        + " has [" + low[i] + ", " + high[i] + "]");
            }
        }
    }

    /**
     * @param in input width
     * @param hidden hidden widths
     * @param out output width
     * @return {@code [in, hidden…, out]}
     */
    public static int[] layerSizes(int in, List<Integer> hidden, int out) {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = in;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = out;
        return sizes;
    }

    /**
     * The reference forward pass of a dense net in plain Java (float32, as an exported graph
     * computes it): {@code h = act(h·W[l] + b[l])}, no activation after the last layer.
     *
     * @param x the input, {@code [sizes[0]]} (unaffected)
     * @param sizes layer widths
     * @param w per layer l, {@code [sizes[l] × sizes[l+1]]}
     * @param b per layer l, {@code [sizes[l+1]]}
     * @param activation between layers
     * @return the output, {@code [sizes[last]]}
     */
    public static float[] forward(float[] x, int[] sizes, float[][] w, float[][] b, ActorWeights.Activation activation) {
        float[] h = x;
        for (int l = 0; l < w.length; l++) {
            int size = sizes[l + 1];
            float[] next = b[l].clone();
            for (int i = 0; i < sizes[l]; i++) {
                for (int j = 0; j < size; j++) {
                    next[j] += h[i] * w[l][i * size + j];
                }
            }
            if (l < w.length - 1) {
                for (int j = 0; j < size; j++) {
                    next[j] = switch (activation) {
                        case RELU -> Math.max(0f, next[j]);
                        case TANH -> (float) Math.tanh(next[j]);
                        case SILU -> next[j] / (1f + (float) Math.exp(-next[j]));
                    };
                }
            }
            h = next;
        }
        return h;
    }
}
