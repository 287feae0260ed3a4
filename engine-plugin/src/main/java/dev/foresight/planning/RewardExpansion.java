package dev.foresight.planning;

import dev.foresight.env.RewardFunction;

/**
 * The expansion of the cost {@code c = −reward(x, u, x')} by central finite differences in
 * {@code z = (x, u, x')}: the gradient from {@code ±ε_i}, the diagonal of the Hessian from
 * {@code (c(z+ε_i) − 2c(z) + c(z−ε_i)) / ε_i²} and every other entry from the four corners
 * {@code ±ε_i ±ε_j}. All {@code steps × (1 + 2d²)} points go through the reward function in ONE
 * batched call. The step is {@code ε} for observations and {@code ε × half-range} for actions; a
 * few hundredths keeps float32 rounding of the reward (about 1e-6 of its size) below 1e-3 in the
 * Hessian.
 *
 * <p>Not thread-safe: buffers grow to the largest call and are reused.
 */
public final class RewardExpansion implements CostExpansion {
    private final RewardFunction reward;
    private final int obsDim;
    private final int actionDim;
    private final int d;
    private final double[] step;
    private float[] pointsObs = new float[0];
    private float[] pointsAction = new float[0];
    private float[] pointsNext = new float[0];
    private float[] values = new float[0];

    /**
     * @param reward the task's reward (not null)
     * @param obsDim observation size (&ge;1)
     * @param space the action bounds, for the action steps (not null)
     * @param epsilon the step for observations (&gt;0); actions use {@code epsilon × half-range}
     */
    public RewardExpansion(RewardFunction reward, int obsDim, SearchSpace space, double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("the finite-difference step must be > 0, got " + epsilon);
        }
        this.reward = reward;
        this.obsDim = obsDim;
        this.actionDim = space.actionDim();
        this.d = 2 * obsDim + actionDim;
        this.step = new double[d];
        for (int i = 0; i < d; i++) {
            boolean isAction = i >= obsDim && i < obsDim + actionDim;
            int a = i - obsDim;
            step[i] = isAction ? epsilon * 0.5 * (space.high()[a] - space.low()[a]) : epsilon;
        }
    }

    /** @return the points per expanded step, {@code 1 + 2d²} */
    int pointsPerStep() {
        return 1 + 2 * d * d;
    }

    @Override
    public void expand(float[] obs, float[] action, float[] nextObs, int steps, double[] gradient, double[] hessian) {
        int per = pointsPerStep();
        int rows = steps * per;
        ensure(rows);
        for (int t = 0; t < steps; t++) {
            int base = t * per;
            for (int p = 0; p < per; p++) {
                copyPoint(obs, action, nextObs, t, base + p);
            }
            int p = base + 1;
            for (int i = 0; i < d; i++) {
                shift(p++, i, +1);
                shift(p++, i, -1);
            }
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    shift(p, i, +1);
                    shift(p++, j, +1);
                    shift(p, i, +1);
                    shift(p++, j, -1);
                    shift(p, i, -1);
                    shift(p++, j, +1);
                    shift(p, i, -1);
                    shift(p++, j, -1);
                }
            }
        }
        reward.reward(pointsObs, pointsAction, pointsNext, rows, values);
        for (int t = 0; t < steps; t++) {
            int base = t * per;
            double centre = -values[base];
            int g = t * d;
            int h = t * d * d;
            int p = base + 1;
            for (int i = 0; i < d; i++) {
                double plus = -values[p++];
                double minus = -values[p++];
                gradient[g + i] = (plus - minus) / (2 * step[i]);
                hessian[h + i * d + i] = (plus - 2 * centre + minus) / (step[i] * step[i]);
            }
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    double pp = -values[p++];
                    double pm = -values[p++];
                    double mp = -values[p++];
                    double mm = -values[p++];
                    double v = (pp - pm - mp + mm) / (4 * step[i] * step[j]);
                    hessian[h + i * d + j] = v;
                    hessian[h + j * d + i] = v;
                }
            }
        }
    }

    private void ensure(int rows) {
        if (values.length < rows) {
            pointsObs = new float[rows * obsDim];
            pointsAction = new float[rows * actionDim];
            pointsNext = new float[rows * obsDim];
            values = new float[rows];
        }
    }

    private void copyPoint(float[] obs, float[] action, float[] nextObs, int t, int row) {
        System.arraycopy(obs, t * obsDim, pointsObs, row * obsDim, obsDim);
        System.arraycopy(action, t * actionDim, pointsAction, row * actionDim, actionDim);
        System.arraycopy(nextObs, t * obsDim, pointsNext, row * obsDim, obsDim);
    }

    /** Moves coordinate {@code i} of z at point {@code row} by {@code sign × step_i}. */
    private void shift(int row, int i, int sign) {
        float delta = (float) (sign * step[i]);
        if (i < obsDim) {
            pointsObs[row * obsDim + i] += delta;
        } else if (i < obsDim + actionDim) {
            pointsAction[row * actionDim + i - obsDim] += delta;
        } else {
            pointsNext[row * obsDim + i - obsDim - actionDim] += delta;
        }
    }
}
