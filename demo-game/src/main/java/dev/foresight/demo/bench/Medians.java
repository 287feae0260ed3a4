package dev.foresight.demo.bench;

import java.util.List;

/** The median benchmarks report. */
public final class Medians {
    private Medians() {
    }

    /**
     * @param values at least one value
     * @return their median (the mean of the middle two for an even count)
     */
    public static double of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
