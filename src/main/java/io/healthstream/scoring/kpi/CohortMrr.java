package io.healthstream.scoring.kpi;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signup cohort's MRR, or a change of it: what its accounts started paying with, what they pay now, and what
 * they pay now with each account capped at its starting MRR (so expansion never counts). Additive, like
 * {@link Levels}: a period's changes added to the levels at its start give the levels at its end.
 */
public record CohortMrr(long starting, long mrr, long grossMrr) {
    public static final CohortMrr ZERO = new CohortMrr(0, 0, 0);
    /** Cohorts are followed for this many months after their signup month, as ChartMogul's cohort view does. */
    public static final int MONTHS_FOLLOWED = 12;

    public CohortMrr plus(CohortMrr other) {
        return new CohortMrr(starting + other.starting, mrr + other.mrr, grossMrr + other.grossMrr);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** The first instant of the calendar month (UTC) of {@code at}: the cohort an account that started paying then joins. */
    public static Instant cohortOf(Instant at) {
        return at.atZone(ZoneOffset.UTC)
                .withDayOfMonth(1)
                .toLocalDate()
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /** Whole months from the cohort starting at {@code cohort} to the month of {@code at}. */
    public static int ageInMonths(Instant cohort, Instant at) {
        var from = cohort.atZone(ZoneOffset.UTC);
        var to = at.atZone(ZoneOffset.UTC);
        return (to.getYear() - from.getYear()) * 12 + to.getMonthValue() - from.getMonthValue();
    }

    /** Both maps of cohorts added up, keeping only the cohorts followed at {@code at}, and no zero entries. */
    public static Map<Instant, CohortMrr> merge(Map<Instant, CohortMrr> a, Map<Instant, CohortMrr> b, Instant at) {
        Map<Instant, CohortMrr> sum = new TreeMap<>(a);
        b.forEach((cohort, change) -> sum.merge(cohort, change, CohortMrr::plus));
        sum.entrySet().removeIf(e -> e.getValue().isZero() || ageInMonths(e.getKey(), at) > MONTHS_FOLLOWED);
        return sum;
    }
}
