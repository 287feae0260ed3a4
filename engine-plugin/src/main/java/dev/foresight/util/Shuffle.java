package dev.foresight.util;


/** The Fisher–Yates shuffle (Durstenfeld's in-place form), seeded by the caller's stream. */
public final class Shuffle {
    private Shuffle() {
    }

    /**
     * Shuffles the first {@code n} values uniformly in place; the rest are untouched. Draws
     * {@code random.nextInt(i + 1)} for i = n−1 down to 1.
     *
     * @param values the values (modified)
     * @param n how many to shuffle (0 … values.length)
     * @param random the stream (not null; advanced)
     */
    public static void firstN(int[] values, int n, RandomStream random) {
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
