package dev.foresight.planning;

/**
 * Sequences an optimiser puts into every iteration's population in place of sampled candidates
 * — e.g. the plans a learned policy makes when rolled through the model (TD-MPC, Hansen et al.
 * 2022, section 3.2: a share of the population from the policy). They take the population's last
 * slots, at most {@code population − 1} of them, so that sampling always keeps one slot.
 *
 * <p>Not thread-safe: part of one optimiser.
 */
final class SeedCandidates {
    private final int length;
    private final int population;
    private final float[] sequences;
    private int count;

    /**
     * @param length values per sequence ({@code horizon × actionDim})
     * @param population the optimiser's population
     */
    SeedCandidates(int length, int population) {
        this.length = length;
        this.population = population;
        this.sequences = new float[Math.max(0, population - 1) * length];
    }

    /**
     * @param seeds {@code [n × length]} within the bounds (unaffected)
     * @param n how many (0 clears; more than {@code population − 1} are cut)
     */
    void set(float[] seeds, int n) {
        if (n < 0 || seeds.length < n * length) {
            throw new IllegalArgumentException("need n >= 0 sequences of " + length + " values, got n=" + n + " and "
                    + seeds.length + " values");
        }
        count = Math.min(n, population - 1);
        System.arraycopy(seeds, 0, sequences, 0, count * length);
    }

    /** @return the seeds in use */
    int count() {
        return count;
    }

    /**
     * Overwrites the last {@link #count()} candidates of {@code samples}.
     *
     * @param samples {@code [population × length]} (modified)
     * @param n the population being evaluated
     */
    void copyInto(float[] samples, int n) {
        int k = Math.min(count, n - 1);
        if (k > 0) {
            System.arraycopy(sequences, 0, samples, (n - k) * length, k * length);
        }
    }
}
