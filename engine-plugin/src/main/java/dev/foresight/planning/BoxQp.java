package dev.foresight.planning;

import dev.foresight.util.SmallMatrices;

/**
 * Minimises {@code ½·xᵀHx + gᵀx} subject to {@code lower ≤ x ≤ upper} by projected Newton steps
 * (Tassa, Mansard &amp; Todorov 2014, "Control-limited differential dynamic programming", Alg. 1):
 * each step splits the dimensions into clamped (at a bound, gradient pushing outwards) and free,
 * takes a Newton step in the free ones and an Armijo line search along its projection. iLQR's
 * backward pass solves one per time step for the feed-forward control change; the Cholesky factor
 * of the free block is kept for the feedback gains.
 *
 * <p>Not thread-safe: buffers are reused between calls.
 */
final class BoxQp {
    private static final int MAX_ITERATIONS = 50;
    private static final double MIN_GRADIENT = 1e-10;
    private static final double ARMIJO = 0.1;
    private static final double STEP_DECREASE = 0.6;
    private static final double MIN_STEP = 1e-12;

    private final int d;
    private final double[] gradient;
    private final double[] direction;
    private final double[] candidate;
    private final double[] free;
    private final double[] factor;
    private final boolean[] clamped;
    private final int[] freeIndex;
    private int freeCount;
    /** Free dimensions found by the last {@link #classify}. */
    private int freeSize;

    /** @param size the number of variables (&ge;1) */
    BoxQp(int size) {
        d = size;
        gradient = new double[d];
        direction = new double[d];
        candidate = new double[d];
        free = new double[d * d];
        factor = new double[d * d];
        clamped = new boolean[d];
        freeIndex = new int[d];
    }

    /**
     * @param h the Hessian {@code [d × d]}, symmetric (unaffected)
     * @param g the linear term {@code [d]} (unaffected)
     * @param lower lower bounds {@code [d]} (unaffected; lower ≤ upper)
     * @param upper upper bounds {@code [d]} (unaffected)
     * @param x the start on entry (projected onto the box), the minimiser on return {@code [d]} (modified)
     * @return false if the free block of {@code h} is not positive definite (the caller regularises)
     */
    boolean solve(double[] h, double[] g, double[] lower, double[] upper, double[] x) {
        for (int i = 0; i < d; i++) {
            x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
        }
        freeCount = -1;
        double value = value(h, g, x);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            boolean changed = freeCount < 0 | classify(h, g, x, lower, upper);
            int count = freeSize;
            if (count == 0) {
                freeCount = 0;
                return true;
            }
            if ((changed || count != freeCount) && !factorFree(h)) {
                return false;
            }
            double norm = 0;
            for (int a = 0; a < count; a++) {
                direction[a] = -gradient[freeIndex[a]];
                norm += direction[a] * direction[a];
            }
            if (norm < MIN_GRADIENT * MIN_GRADIENT) {
                return true;
            }
            SmallMatrices.choleskySolve(factor, count, direction);
            double step = 1;
            boolean improved = false;
            while (step > MIN_STEP) {
                System.arraycopy(x, 0, candidate, 0, d);
                for (int a = 0; a < count; a++) {
                    int i = freeIndex[a];
                    candidate[i] = Math.min(upper[i], Math.max(lower[i], x[i] + step * direction[a]));
                }
                double next = value(h, g, candidate);
                double expected = 0;
                for (int i = 0; i < d; i++) {
                    expected += gradient[i] * (candidate[i] - x[i]);
                }
                if (next - value <= ARMIJO * expected) {
                    improved = true;
                    break;
                }
                step *= STEP_DECREASE;
            }
            if (!improved) {
                return true; // no further progress possible: at the minimum up to rounding
            }
            double gain = value - value(h, g, candidate);
            System.arraycopy(candidate, 0, x, 0, d);
            value -= gain;
            if (gain < 1e-14 * (1 + Math.abs(value))) {
                return refresh(h, x, lower, upper, g);
            }
        }
        return refresh(h, x, lower, upper, g);
    }

    /** Recomputes the clamped set and free factor at the final x (the feedback gains use them). */
    private boolean refresh(double[] h, double[] x, double[] lower, double[] upper, double[] g) {
        classify(h, g, x, lower, upper);
        return factorFree(h);
    }

    /** Factors the free block of H (the dimensions {@link #classify} left free); false if not positive definite. */
    private boolean factorFree(double[] h) {
        int count = freeSize;
        for (int a = 0; a < count; a++) {
            for (int b = 0; b < count; b++) {
                free[a * count + b] = h[freeIndex[a] * d + freeIndex[b]];
            }
        }
        freeCount = count;
        return count == 0 || SmallMatrices.cholesky(free, count, factor);
    }

    /**
     * Fills {@link #gradient} ({@code H·x + g}) and the clamped set at x (a dimension at a bound
     * whose gradient pushes outwards), and lists the free dimensions in {@link #freeIndex}.
     *
     * @return whether the clamped set changed
     */
    private boolean classify(double[] h, double[] g, double[] x, double[] lower, double[] upper) {
        boolean changed = false;
        freeSize = 0;
        for (int i = 0; i < d; i++) {
            double sum = g[i];
            for (int j = 0; j < d; j++) {
                sum += h[i * d + j] * x[j];
            }
            gradient[i] = sum;
            boolean c = (x[i] <= lower[i] && sum > 0) || (x[i] >= upper[i] && sum < 0);
            changed |= c != clamped[i];
            clamped[i] = c;
            if (!c) {
                freeIndex[freeSize++] = i;
            }
        }
        return changed;
    }

    private double value(double[] h, double[] g, double[] x) {
        double v = 0;
        for (int i = 0; i < d; i++) {
            double hx = 0;
            for (int j = 0; j < d; j++) {
                hx += h[i * d + j] * x[j];
            }
            v += x[i] * (0.5 * hx + g[i]);
        }
        return v;
    }

    /** @return whether dimension {@code i} ended clamped at a bound by the last {@link #solve} */
    boolean clamped(int i) {
        return clamped[i];
    }

    /**
     * Solves {@code H_ff·y = b_f} for the free dimensions of the last solve, in place: entries of
     * clamped dimensions are set to 0.
     *
     * @param b {@code [d]} right-hand side, overwritten by y (modified)
     * @param scratch at least {@code d} doubles (modified)
     */
    void solveFree(double[] b, double[] scratch) {
        for (int a = 0; a < freeCount; a++) {
            scratch[a] = b[freeIndex[a]];
        }
        if (freeCount > 0) {
            SmallMatrices.choleskySolve(factor, freeCount, scratch);
        }
        java.util.Arrays.fill(b, 0, d, 0);
        for (int a = 0; a < freeCount; a++) {
            b[freeIndex[a]] = scratch[a];
        }
    }
}
