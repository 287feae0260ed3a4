package dev.foresight.util;

import java.util.SplittableRandom;

/** Normal draws from a seeded {@link SplittableRandom} (Box–Muller), so that every draw is reproducible. */
public final class Gaussians {
    private Gaussians() {
    }

    /** @return a draw from N(0, 1) */
    public static float standard(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return (float) (Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
    }

    /**
     * @param bound the truncation bound (&gt;0), in standard deviations
     * @return a draw from N(0, 1) conditioned on |z| &le; bound (rejection sampling)
     */
    public static float truncated(SplittableRandom random, float bound) {
        while (true) {
            float z = standard(random);
            if (Math.abs(z) <= bound) {
                return z;
            }
        }
    }
}
