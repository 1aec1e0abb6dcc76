package dev.dbtest.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A contender's measurements: the median and the spread (smallest and largest) of its samples. */
record Samples(double median, double min, double max, int count) {

    /** Each sample divided by {@code divisor} (from nanoseconds per suite to µs per test, say). */
    static Samples of(Collection<? extends Number> values, double divisor) {
        List<Double> sorted = new ArrayList<>();
        values.forEach(value -> sorted.add(value.doubleValue() / divisor));
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Samples(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** "min - max" with the given number of decimals. */
    String spread(int decimals) {
        String format = "%." + decimals + "f - %." + decimals + "f";
        return String.format(format, min, max);
    }
}
