package io.healthstream.scoring.kpi;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ledger's memory of customer churn per segment, whatever the currency: the month its history starts
 * ({@code first}: the earliest month with a tally, null before one closed), the last month known closed for good
 * ({@code closedThrough}, null before the first watermark), paying accounts per segment after the last closed
 * period, and the last {@link #TRAILING_MONTHS} closed months. Closed tallies are folded in month order; a month
 * after {@code first} in which no account moved at all is counted with the accounts paying then and none lost.
 * Immutable.
 */
public record SegmentChurnHistory(
        YearMonth first, YearMonth closedThrough, Map<String, Long> paying, List<SegmentMonth> months) {
    /** ChartMogul's window for the customer churn rate behind LTV. */
    public static final int TRAILING_MONTHS = 6;

    public static final SegmentChurnHistory EMPTY = new SegmentChurnHistory(null, null, Map.of(), List.of());

    public SegmentChurnHistory {
        paying = Collections.unmodifiableMap(new TreeMap<>(paying));
        months = List.copyOf(months);
    }

    /**
     * The closed tally of one currency for {@code month} folded in: the month starts (if no other currency's
     * tally started it) from the accounts paying so far, loses {@code lost} and moves the paying accounts by
     * {@code payingChange}. The first tally folded starts the history.
     */
    public SegmentChurnHistory withClosed(YearMonth month, Map<String, Long> payingChange, Map<String, Long> lost) {
        SegmentChurnHistory through = through(month);
        List<SegmentMonth> kept = new ArrayList<>(through.months);
        SegmentMonth current = kept.remove(kept.size() - 1);
        kept.add(new SegmentMonth(month, current.start(), added(current.lost(), lost)));
        return new SegmentChurnHistory(first == null ? month : first, closedThrough, added(paying, payingChange), kept);
    }

    /** This history with every month up to {@code month} started, those without a tally losing no one. */
    public SegmentChurnHistory through(YearMonth month) {
        List<SegmentMonth> kept = new ArrayList<>(months);
        YearMonth next = kept.isEmpty() ? month : last().plusMonths(1);
        for (; !next.isAfter(month); next = next.plusMonths(1)) {
            kept.add(new SegmentMonth(next, paying, Map.of()));
        }
        return new SegmentChurnHistory(
                first, closedThrough, paying, kept.subList(Math.max(0, kept.size() - TRAILING_MONTHS), kept.size()));
    }

    /** This history, knowing every month up to {@code month} closed for good. */
    public SegmentChurnHistory closedThrough(YearMonth month) {
        return new SegmentChurnHistory(first, month, paying, months);
    }

    /** The last closed month, or null before the first. */
    public YearMonth last() {
        return months.isEmpty() ? null : months.get(months.size() - 1).month();
    }

    /**
     * Each segment's churn over the months kept (up to six, ending with the last), with each month's own rate, so
     * that the trailing rate is their average, as ChartMogul's six-month trailing customer churn rate.
     */
    public SegmentChurnRates rates() {
        Map<String, SegmentChurn> segments = new TreeMap<>();
        for (SegmentMonth month : months) {
            Set<String> named = new TreeSet<>(month.start().keySet());
            named.addAll(month.lost().keySet());
            for (String segment : named) {
                SegmentChurn churn = SegmentChurn.ofMonth(
                        month.start().getOrDefault(segment, 0L), month.lost().getOrDefault(segment, 0L));
                segments.merge(segment, churn, SegmentChurn::plus);
            }
        }
        segments.values().removeIf(SegmentChurn.NONE::equals);
        return new SegmentChurnRates(last(), months.size(), segments);
    }

    private static Map<String, Long> added(Map<String, Long> counts, Map<String, Long> change) {
        Map<String, Long> sum = new HashMap<>(counts);
        change.forEach((segment, delta) -> sum.merge(segment, delta, Long::sum));
        sum.values().removeIf(count -> count == 0);
        return sum;
    }
}
