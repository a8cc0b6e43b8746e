package io.healthstream.scoring.kpi;

import java.time.Instant;

/**
 * One cell of the cohort table: the signup cohort that started at {@code cohort} seen at the end of a period
 * {@code ageMonths} months later. NRR counts expansion and reactivation; GRR caps every account at its starting
 * MRR. Null ratios when the cohort started with no MRR.
 */
public record CohortCell(Instant cohort, int ageMonths, long mrrStart, long mrr, Double nrrPct, Double grrPct) {

    public static CohortCell of(Instant cohort, Instant periodStart, CohortMrr levels) {
        return new CohortCell(
                cohort,
                CohortMrr.ageInMonths(cohort, periodStart),
                levels.starting(),
                levels.mrr(),
                percent(levels.mrr(), levels.starting()),
                percent(levels.grossMrr(), levels.starting()));
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }
}
