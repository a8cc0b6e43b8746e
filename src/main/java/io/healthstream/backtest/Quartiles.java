package io.healthstream.backtest;

import java.util.List;
import java.util.Optional;

/**
 * First quartile, median and third quartile, by linear interpolation between the closest ranks (the
 * spreadsheet QUARTILE.INC rule: the p-quantile of n sorted values sits at rank (n - 1) x p).
 */
public record Quartiles(double q1, double median, double q3) {
    /** Empty for no values. */
    static Optional<Quartiles> of(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Optional.of(new Quartiles(at(sorted, 0.25), at(sorted, 0.5), at(sorted, 0.75)));
    }

    private static double at(double[] sorted, double p) {
        double rank = (sorted.length - 1) * p;
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
