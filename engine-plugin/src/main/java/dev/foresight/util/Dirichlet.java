package dev.foresight.util;

/**
 * Draws from a symmetric Dirichlet distribution on a seeded {@link RandomStream}: normalised
 * Gamma(α, 1) draws (Marsaglia &amp; Tsang 2000, "A simple method for generating gamma variables";
 * for α &lt; 1 the boost {@code Gamma(α) = Gamma(α + 1) · U^{1/α}}).
 */
public final class Dirichlet {
    private Dirichlet() {
    }

    /**
     * @param random the stream (not null)
     * @param alpha the concentration (&gt;0)
     * @param out storage for the draw, summing to 1 (all of it overwritten)
     */
    public static void sample(RandomStream random, double alpha, float[] out) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("a Dirichlet's concentration must be > 0, got " + alpha);
        }
        double sum = 0;
        double[] g = new double[out.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gamma(random, alpha);
            sum += g[i];
        }
        for (int i = 0; i < g.length; i++) {
            out[i] = sum > 0 ? (float) (g[i] / sum) : 1f / out.length;
        }
    }

    /** @return a Gamma(α, 1) draw */
    public static double gamma(RandomStream random, double alpha) {
        if (alpha < 1) {
            double u = 1.0 - random.nextDouble(); // (0, 1]
            return gamma(random, alpha + 1) * Math.pow(u, 1 / alpha);
        }
        double d = alpha - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = Gaussians.standard(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
