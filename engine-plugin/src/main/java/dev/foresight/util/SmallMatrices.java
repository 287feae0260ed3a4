package dev.foresight.util;

/**
 * Dense linear algebra on the small square matrices of a control problem (a few to a few dozen
 * rows): Cholesky factorisation and solves, and the projection of a symmetric matrix onto the
 * positive semi-definite cone. Matrices are row-major {@code double[d × d]} read from an offset.
 *
 * <p>Stateless and thread-safe; methods that need scratch space take it as an argument.
 */
public final class SmallMatrices {
    private SmallMatrices() {
    }

    /**
     * Lower Cholesky factor {@code L} with {@code a = L·Lᵀ}.
     *
     * @param a symmetric matrix {@code [d × d]} (unaffected; only the lower triangle is read)
     * @param d size
     * @param l storage for L {@code [d × d]} (modified; the upper triangle is zeroed)
     * @return false if {@code a} is not positive definite (a pivot ≤ 0 or not finite)
     */
    public static boolean cholesky(double[] a, int d, double[] l) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (!(sum > 0) || !Double.isFinite(sum)) {
                        return false;
                    }
                    l[i * d + i] = Math.sqrt(sum);
                } else {
                    l[i * d + j] = sum / l[j * d + j];
                }
            }
            for (int j = i + 1; j < d; j++) {
                l[i * d + j] = 0;
            }
        }
        return true;
    }

    /**
     * Solves {@code L·Lᵀ·x = b} in place.
     *
     * @param l the Cholesky factor from {@link #cholesky} {@code [d × d]} (unaffected)
     * @param d size
     * @param b the right-hand side, overwritten by the solution {@code [d]}
     */
    public static void choleskySolve(double[] l, int d, double[] b) {
        for (int i = 0; i < d; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i * d + k] * b[k];
            }
            b[i] = sum / l[i * d + i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double sum = b[i];
            for (int k = i + 1; k < d; k++) {
                sum -= l[k * d + i] * b[k];
            }
            b[i] = sum / l[i * d + i];
        }
    }

    /**
     * Replaces a symmetric matrix by its nearest positive semi-definite matrix in the Frobenius
     * norm: negative eigenvalues set to zero (eigen-decomposition by cyclic Jacobi rotations).
     *
     * @param a symmetric matrix at {@code offset}, {@code [d × d]} (modified)
     * @param offset where it starts in {@code a}
     * @param d size
     * @param scratch at least {@code 2·d·d} doubles (modified)
     */
    public static void projectPsd(double[] a, int offset, int d, double[] scratch) {
        int dd = d * d;
        double[] m = scratch; // [0, dd): the matrix being diagonalised; [dd, 2dd): the eigenvectors
        for (int i = 0; i < dd; i++) {
            m[i] = a[offset + i];
            m[dd + i] = 0;
        }
        for (int i = 0; i < d; i++) {
            m[dd + i * d + i] = 1;
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = 0;
            double total = 0;
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    double v = m[p * d + q] * m[p * d + q];
                    total += v;
                    if (p != q) {
                        off += v;
                    }
                }
            }
            if (off <= 1e-24 * Math.max(total, 1e-300)) {
                break;
            }
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotate(m, d, p, q);
                }
            }
        }
        boolean negative = false;
        for (int i = 0; i < d; i++) {
            negative |= m[i * d + i] < 0;
        }
        if (!negative) {
            return;
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    double lambda = m[k * d + k];
                    if (lambda > 0) {
                        sum += m[dd + i * d + k] * lambda * m[dd + j * d + k];
                    }
                }
                a[offset + i * d + j] = sum;
            }
        }
    }

    /** One Jacobi rotation zeroing {@code m[p][q]}, accumulated into the eigenvectors at {@code m[d·d…]}. */
    private static void rotate(double[] m, int d, int p, int q) {
        double apq = m[p * d + q];
        if (apq == 0) {
            return;
        }
        double app = m[p * d + p];
        double aqq = m[q * d + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < d; k++) { // columns p and q
            double mkp = m[k * d + p];
            double mkq = m[k * d + q];
            m[k * d + p] = c * mkp - s * mkq;
            m[k * d + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < d; k++) { // rows p and q
            double mpk = m[p * d + k];
            double mqk = m[q * d + k];
            m[p * d + k] = c * mpk - s * mqk;
            m[q * d + k] = s * mpk + c * mqk;
        }
        int v = d * d;
        for (int k = 0; k < d; k++) {
            double vkp = m[v + k * d + p];
            double vkq = m[v + k * d + q];
            m[v + k * d + p] = c * vkp - s * vkq;
            m[v + k * d + q] = s * vkp + c * vkq;
        }
    }
}
