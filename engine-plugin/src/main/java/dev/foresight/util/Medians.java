package dev.foresight.util;

import java.util.ArrayList;
import java.util.List;

/** Medians and percentiles, as metrics and benchmarks report them. */
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

    /**
     * @param numerators values measured in pairs with {@code denominators}, in the same order
     * @param denominators as many values, none zero
     * @return the median of the pairwise ratios
     */
    public static double ofRatios(List<Double> numerators, List<Double> denominators) {
        if (numerators.size() != denominators.size()) {
            throw new IllegalArgumentException("need pairs: " + numerators.size() + " vs " + denominators.size() + " values");
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            ratios.add(numerators.get(i) / denominators.get(i));
        }
        return of(ratios);
    }

    /**
     * @param values at least one value
     * @param q the quantile, in (0, 1]
     * @return the smallest value with at least {@code q} of the values at or below it (nearest rank)
     */
    public static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }
}
