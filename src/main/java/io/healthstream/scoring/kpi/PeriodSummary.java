package io.healthstream.scoring.kpi;

import java.time.Instant;

/** The revenue movements of one period, kept for the trailing-12-month NRR. */
public record PeriodSummary(Instant start, long mrrStart, long expansion, long contraction, long churned) {

    public static PeriodSummary of(PeriodTally tally, Levels start) {
        return new PeriodSummary(
                tally.period().start(), start.mrr(), tally.mrrExpansion(), tally.mrrContraction(), tally.mrrChurned());
    }
}
