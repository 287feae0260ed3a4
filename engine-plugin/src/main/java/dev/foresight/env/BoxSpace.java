package dev.foresight.env;

import dev.foresight.util.RandomStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A box of real vectors: one named dimension per component, each with inclusive bounds. Its rule
 * ({@link #checkAndClip}): NaN is refused, components outside the bounds are clipped to them.
 * Immutable; getters return copies.
 */
public final class BoxSpace implements Space {
    private final String[] names;
    private final float[] low;
    private final float[] high;

    /**
     * @param names one name per dimension (not null, no null element, unaffected)
     * @param low lower bounds, may be {@code -Infinity} (same length as names, unaffected)
     * @param high upper bounds, may be {@code +Infinity}, each &ge; the lower bound (unaffected)
     * @throws IllegalArgumentException if the lengths differ, a bound is NaN or low &gt; high
     */
    public BoxSpace(String[] names, float[] low, float[] high) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (names.length == 0 || names.length != low.length || names.length != high.length) {
            throw new IllegalArgumentException("a box needs as many names as bounds and at least one:"
                    + " names=" + names.length + " low=" + low.length + " high=" + high.length);
        }
        for (int i = 0; i < names.length; i++) {
            Objects.requireNonNull(names[i], "names[" + i + "]");
            if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || low[i] > high[i]) {
                throw new IllegalArgumentException("bad bounds for '" + names[i] + "': [" + low[i] + ", " + high[i] + "]");
            }
        }
        this.names = names.clone();
        this.low = low.clone();
        this.high = high.clone();
    }

    /** A box whose dimensions all share the bounds [-limit, limit]. */
    public static BoxSpace symmetric(float limit, String... names) {
        float[] lo = new float[names.length];
        float[] hi = new float[names.length];
        Arrays.fill(lo, -limit);
        Arrays.fill(hi, limit);
        return new BoxSpace(names, lo, hi);
    }

    /** An unbounded box with the given dimension names. */
    public static BoxSpace unbounded(String... names) {
        return symmetric(Float.POSITIVE_INFINITY, names);
    }

    /** @return the number of dimensions (&gt;0) */
    @Override
    public int dim() {
        return names.length;
    }

    /** @return the name of dimension {@code i} */
    @Override
    public String name(int i) {
        return names[i];
    }

    /** @return the lower bound of dimension {@code i} */
    public float low(int i) {
        return low[i];
    }

    /** @return the upper bound of dimension {@code i} */
    public float high(int i) {
        return high[i];
    }

    /** @return a copy of the dimension names */
    @Override
    public String[] names() {
        return names.clone();
    }

    /** @return a copy of the lower bounds */
    public float[] low() {
        return low.clone();
    }

    /** @return a copy of the upper bounds */
    public float[] high() {
        return high.clone();
    }

    /**
     * Checks a vector's length and that it is free of NaN, then clips it into the box.
     *
     * @param what how to call the vector in an error message, e.g. "cartpole action"
     * @param source the vector to check (not null, unaffected)
     * @param sourceOffset index of its first component in {@code source}
     * @param clipped storage for the clipped vector (modified), {@code dim()} values from {@code clippedOffset}
     * @param clippedOffset index of the first component written
     * @throws IllegalArgumentException if a component is NaN
     */
    @Override
    public void checkAndClip(String what, float[] source, int sourceOffset, float[] clipped, int clippedOffset) {
        for (int i = 0; i < names.length; i++) {
            float v = source[sourceOffset + i];
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException(what + " component " + i + " ('" + names[i]
                        + "') is NaN; pass finite values in [" + low[i] + ", " + high[i] + "]");
            }
            clipped[clippedOffset + i] = Math.min(high[i], Math.max(low[i], v));
        }
    }

    /**
     * The middle of each dimension's bounds, {@code (low + high) / 2} (where a side is unbounded: 0,
     * brought into the bounds): the one centre-of-range computation of the library.
     *
     * @param out storage (modified), {@code dim()} values from {@code offset}
     * @param offset index of the first value written
     */
    @Override
    public void neutral(float[] out, int offset) {
        for (int i = 0; i < names.length; i++) {
            out[offset + i] = middle(low[i], high[i]);
        }
    }

    /**
     * @param low a lower bound
     * @param high an upper bound
     * @return {@code (low + high) / 2}, or where that is not finite (an unbounded side) 0 brought into the bounds
     */
    public static float middle(float low, float high) {
        float mid = 0.5f * (low + high);
        return Float.isFinite(mid) ? mid : Math.max(low, Math.min(high, 0f));
    }

    /** @return the middle of the bounds, {@code [dim()]} (a new array; see {@link #neutral}) */
    public float[] centre() {
        float[] out = new float[names.length];
        neutral(out, 0);
        return out;
    }

    /** @return whether every bound is finite */
    public boolean bounded() {
        for (int i = 0; i < names.length; i++) {
            if (!Float.isFinite(low[i]) || !Float.isFinite(high[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Draws each component uniformly within its bounds: {@code low + (high − low)·u}, u ~ U[0, 1).
     *
     * @throws IllegalStateException naming the first unbounded dimension
     */
    @Override
    public void sample(RandomStream random, float[] out, int offset) {
        for (int i = 0; i < names.length; i++) {
            out[offset + i] = (float) (low[i] + (high[i] - low[i]) * random.nextDouble());
        }
    }

    /**
     * @param who what needs finite bounds, for the message
     * @throws IllegalArgumentException naming the first unbounded dimension
     */
    public void requireBounded(String who) {
        for (int i = 0; i < names.length; i++) {
            if (!Float.isFinite(low[i]) || !Float.isFinite(high[i])) {
                throw new IllegalArgumentException(who + " needs finite bounds; '" + names[i] + "' is in [" + low[i]
                        + ", " + high[i] + "]");
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(names[i]);
            if (low[i] != Float.NEGATIVE_INFINITY || high[i] != Float.POSITIVE_INFINITY) {
                b.append(" in [").append(low[i]).append(", ").append(high[i]).append(']');
            }
        }
        return b.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoxSpace other && Arrays.equals(names, other.names) && Arrays.equals(low, other.low)
                && Arrays.equals(high, other.high);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(names) + Arrays.hashCode(low)) + Arrays.hashCode(high);
    }
}
