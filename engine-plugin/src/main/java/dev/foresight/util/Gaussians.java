package dev.foresight.util;


/** Normal draws from a seeded {@link RandomStream} (Box–Muller), so that every draw is reproducible. */
public final class Gaussians {
    private Gaussians() {
    }

    /** @return a draw from N(0, 1) */
    public static float standard(RandomStream random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return (float) (Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
    }

    /**
     * Fills {@code out[0..count)} with draws from N(0, 1) conditioned on |z| &le; bound, using both
     * values of each Box–Muller pair (about twice as fast as {@link #truncated} per draw).
     *
     * @param random the stream (not null)
     * @param bound the truncation bound (&gt;0), in standard deviations
     * @param out storage (modified)
     * @param count how many draws
     */
    public static void fillTruncated(RandomStream random, float bound, float[] out, int count) {
        int i = 0;
        while (i < count) {
            double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            float a = (float) (radius * Math.cos(angle));
            float b = (float) (radius * Math.sin(angle));
            if (Math.abs(a) <= bound) {
                out[i++] = a;
            }
            if (i < count && Math.abs(b) <= bound) {
                out[i++] = b;
            }
        }
    }

    /**
     * @param bound the truncation bound (&gt;0), in standard deviations
     * @return a draw from N(0, 1) conditioned on |z| &le; bound (rejection sampling)
     */
    public static float truncated(RandomStream random, float bound) {
        while (true) {
            float z = standard(random);
            if (Math.abs(z) <= bound) {
                return z;
            }
        }
    }
}
