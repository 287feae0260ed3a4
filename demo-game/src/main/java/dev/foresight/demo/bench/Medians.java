package dev.foresight.demo.bench;

import java.util.ArrayList;
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
}
