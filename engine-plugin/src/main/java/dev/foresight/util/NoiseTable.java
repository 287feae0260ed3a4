package dev.foresight.util;


/**
 * A fixed table of standard normal draws, read from seeded random offsets: sampling noise for
 * thousands of planning particles per step at the cost of an array read. The table is generated
 * once from a fixed seed; which entries a caller reads depends only on its own random stream, so
 * results stay reproducible.
 */
public final class NoiseTable {
    private static final int SIZE = 1 << 16;
    private static final float[] TABLE = new float[SIZE];

    static {
        RandomStream random = new RandomStream(0x5EEDL);
        for (int i = 0; i < SIZE; i++) {
            TABLE[i] = Gaussians.standard(random);
        }
    }

    private NoiseTable() {
    }

    /**
     * Adds {@code scale[i]·z_i} to {@code values[i]} for {@code i < count}, with z a contiguous
     * slice of the table at a random offset (wrapping around; the loop vectorises), as in the
     * shared noise tables of evolution strategies.
     *
     * @param values the values to perturb (modified)
     * @param scale standard deviations, one per value (unaffected)
     * @param count how many values
     * @param random chooses the offset and stride (not null)
     */
    public static void addScaled(float[] values, float[] scale, int count, RandomStream random) {
        int at = random.nextInt(SIZE);
        int done = 0;
        while (done < count) {
            int chunk = Math.min(count - done, SIZE - at);
            for (int i = 0; i < chunk; i++) {
                values[done + i] += scale[done + i] * TABLE[at + i];
            }
            done += chunk;
            at = 0;
        }
    }
}
