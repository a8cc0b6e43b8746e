package io.healthstream.scoring.kpi;

import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the ledger publishes when month {@code through} closes: each segment's churn over the closed months
 * ending with it, {@code months} of them (up to {@link SegmentChurnHistory#TRAILING_MONTHS}; fewer while the
 * ledger's history is shorter). A segment with no paying account and no loss in those months is absent.
 */
public record SegmentChurnRates(YearMonth through, int months, Map<String, SegmentChurn> segments) {
    public SegmentChurnRates {
        segments = java.util.Collections.unmodifiableMap(new TreeMap<>(segments));
    }

    /** The rates through {@code month} when it comes before the ledger's churn history: over no month. */
    public static SegmentChurnRates noMonths(YearMonth month) {
        return new SegmentChurnRates(month, 0, Map.of());
    }

    public SegmentChurn of(String segment) {
        return Optional.ofNullable(segments.get(segment)).orElse(SegmentChurn.NONE);
    }

    /** The first month the figures cover. */
    public YearMonth from() {
        return through.minusMonths(months - 1L);
    }
}
