package dev.foresight.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.CheckpointException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) whose state can be checkpointed: the same update as DJL's
 * {@code Optimizer.adam()} with a fixed learning rate — the same fused libtorch kernel, the same
 * bias correction, the same step counting (each parameter's count, taken as the largest count
 * seen so far) — so results are identical bit for bit, but the moments and counts are readable
 * ({@link #saveState}) and restorable ({@link #restoreState}). DJL's own Adam keeps them private.
 *
 * <p>Threading: confined to the DJL thread that updates the parameters.
 */
public final class SavableAdam extends Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private int steps;

    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }

    /** @param learningRate the fixed step size (&gt;0) */
    public SavableAdam(float learningRate) {
        super(new Settings());
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0 and finite, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = counts.merge(parameterId, 1, Integer::sum);
        steps = Math.max(steps, t);
        t = steps;
        double coef1 = 1.0 - Math.pow(BETA1, t);
        double coef2 = 1.0 - Math.pow(BETA2, t);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        NDArray mean = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mean, variance), new NDList(weight),
                learningRate, corrected, getWeightDecay(), rescaleGrad, clipGrad, BETA1, BETA2, EPSILON, true, false);
    }

    /**
     * Writes the moments, per-parameter counts and step into {@code out} (reads the arrays: call on
     * the DJL thread).
     *
     * @param out where to write (not null)
     */
    public void saveState(Checkpoint out) {
        out.putLong("steps", steps);
        List<String> ids = new ArrayList<>(counts.keySet());
        out.putString("ids", String.join("\n", ids));
        int[] perId = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            perId[i] = counts.get(id);
            NDArray mean = means.get(id);
            out.putLongs("shape." + id, mean.getShape().getShape());
            out.putFloats("mean." + id, mean.toFloatArray());
            out.putFloats("variance." + id, variances.get(id).toFloatArray());
        }
        out.putInts("counts", perId);
    }

    /**
     * Replaces the state by a saved one (call on the DJL thread).
     *
     * @param in what {@link #saveState} wrote (not null)
     * @param manager where the moments live (the parameters' manager)
     * @param parameters every parameter this optimiser updates, by id, with its shape
     * @throws CheckpointException if an entry is missing or damaged, or names a parameter that is
     *         not in {@code parameters} or has another shape
     */
    public void restoreState(Checkpoint in, NDManager manager, Map<String, Shape> parameters) {
        String joined = in.getString("ids");
        List<String> ids = joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
        int[] perId = in.getInts("counts");
        in.requireLength("counts", perId.length, ids.size());
        Map<String, float[][]> read = new LinkedHashMap<>();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        long savedSteps = in.getLong("steps");
        if (savedSteps < 0 || savedSteps > Integer.MAX_VALUE) {
            throw new CheckpointException("Adam's step count " + savedSteps + " is impossible: the checkpoint is damaged");
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Shape shape = new Shape(in.getLongs("shape." + id));
            if (!shape.equals(parameters.get(id)) || read.containsKey(id) || perId[i] < 1 || perId[i] > savedSteps) {
                throw new CheckpointException("Adam's state for parameter '" + id + "' (shape " + shape + ", "
                        + perId[i] + " updates) does not fit this network (" + parameters.get(id) + "): the checkpoint"
                        + " was written for other settings or is damaged");
            }
            float[] mean = in.getFloats("mean." + id, shape.size());
            float[] variance = in.getFloats("variance." + id, shape.size());
            read.put(id, new float[][] {mean, variance});
            shapes.put(id, shape);
        }
        clear();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            float[][] moments = read.get(id);
            means.put(id, DjlEngine.owned(manager, moments[0], shapes.get(id)));
            variances.put(id, DjlEngine.owned(manager, moments[1], shapes.get(id)));
            counts.put(id, perId[i]);
        }
        steps = (int) savedSteps;
    }

    private void clear() {
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
        counts.clear();
    }
}
