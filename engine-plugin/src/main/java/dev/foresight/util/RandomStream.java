package dev.foresight.util;

import java.util.random.RandomGenerator;

/**
 * Foresight's seeded random stream: the SplitMix64 generator of Steele, Lea &amp; Flood (2014,
 * "Fast splittable pseudorandom number generators") — the algorithm of
 * {@link java.util.SplittableRandom}, draw for draw (same seed, same {@code nextLong},
 * {@code nextInt}, {@code nextDouble}, {@code nextGaussian}, bounded draws and {@link #split()}) —
 * whose state can be read and restored, so that a run can be checkpointed and resumed bit for
 * bit ({@link #state()}, {@link #restore(long[])}). Every random choice in Foresight takes one.
 *
 * <p>Threading: not thread-safe; give each thread its own stream ({@link #split()}).
 */
public final class RandomStream implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private long gamma;

    /** @param seed the stream's seed; equal seeds give equal streams */
    public RandomStream(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private RandomStream(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /**
     * A stream that continues from a saved state.
     *
     * @param state what {@link #state()} returned, {@code [2]} (unaffected)
     * @return the stream
     * @throws IllegalArgumentException if the state is not two longs with an odd gamma
     */
    public static RandomStream fromState(long[] state) {
        RandomStream stream = new RandomStream(0);
        stream.restore(state);
        return stream;
    }

    /** @return the state, {@code [seed, gamma]}: {@link #restore} continues exactly here */
    public long[] state() {
        return new long[] {seed, gamma};
    }

    /**
     * Continues from a saved state.
     *
     * @param state what {@link #state()} returned, {@code [2]} (unaffected)
     * @throws IllegalArgumentException if the state is not two longs with an odd gamma
     */
    public void restore(long[] state) {
        if (state == null || state.length != 2 || (state[1] & 1L) == 0) {
            throw new IllegalArgumentException("a random stream's state is two numbers [seed, odd gamma], got "
                    + (state == null ? "null" : java.util.Arrays.toString(state)));
        }
        seed = state[0];
        gamma = state[1];
    }

    /**
     * Splits off an independent stream and advances this one (as {@link java.util.SplittableRandom#split()}).
     *
     * @return the new stream
     */
    public RandomStream split() {
        return new RandomStream(nextLong(), mixGamma(nextSeed()));
    }

    @Override
    public long nextLong() {
        return mix64(nextSeed());
    }

    @Override
    public int nextInt() {
        return mix32(nextSeed());
    }

    private long nextSeed() {
        return seed += gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int transitions = Long.bitCount(z ^ (z >>> 1));
        return transitions < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
