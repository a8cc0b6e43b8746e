package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.Band;
import io.healthstream.scoring.BillingStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the KPI ledger publishes for per-account LTV, and when: once the watermark has passed a month's end plus the
 * grace (2 days by default), the segments' churn rates through it from the history's first month on, then that the
 * months are closed through it and where the history starts (the earliest month with a tally).
 */
class SegmentChurnPublishingTest {
    private static final KpiConfig CONFIG = KpiConfig.defaults(List.of());
    private static final Instant WALL = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration IDLE_AFTER = Duration.ofHours(2);
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T00:00:00Z");
    private static final YearMonth FEBRUARY = YearMonth.of(2026, 2);
    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final YearMonth APRIL = YearMonth.of(2026, 4);
    private static final YearMonth MAY = YearMonth.of(2026, 5);

    private KpiLedger ledger = KpiLedger.start(1, WALL);

    private static AccountSnapshot smb(BillingStatus billing, long mrr) {
        return new AccountSnapshot("USD", billing, mrr, Band.GREEN, false, false, null, null, 0, "smb");
    }

    private static KpiBatch transition(Instant at, AccountSnapshot before, AccountSnapshot after) {
        return KpiBatch.EMPTY.plus(new AccountTransition(at, before, after, PeriodFacts.billingOnly(null)), CONFIG);
    }

    /** An smb account that starts paying 10 000 at {@code at}. */
    private static KpiBatch starts(Instant at) {
        return transition(at, smb(BillingStatus.NONE, 0), smb(BillingStatus.ACTIVE, 10_000));
    }

    private static KpiBatch cancels(Instant at) {
        return transition(at, smb(BillingStatus.ACTIVE, 10_000), smb(BillingStatus.CANCELLED, 0));
    }

    private List<KpiLedger.Report> receive(Instant clock, KpiBatch batch) {
        KpiLedger.Update update = ledger.receive(0, clock, batch, WALL, IDLE_AFTER, CONFIG);
        ledger = update.ledger();
        return churnReports(update);
    }

    private static List<KpiLedger.Report> churnReports(KpiLedger.Update update) {
        return update.reports().stream()
                .filter(report -> report instanceof KpiLedger.SegmentChurnReport
                        || report instanceof KpiLedger.MonthsClosedReport)
                .toList();
    }

    private static KpiLedger.SegmentChurnReport rates(
            YearMonth through, int months, Map<String, SegmentChurn> segments) {
        return new KpiLedger.SegmentChurnReport(new SegmentChurnRates(through, months, segments));
    }

    @Test
    @DisplayName("10 March: February is closed for good and no month up to it had a tally: no history yet")
    void theFirstWatermarkClosesTheMonthsBeforeIt() {
        assertThat(receive(MARCH_10, starts(MARCH_10)))
                .containsExactly(new KpiLedger.MonthsClosedReport(FEBRUARY, null));
        assertThat(receive(MARCH_10.plusSeconds(60), KpiBatch.EMPTY)).isEmpty();
    }

    @Test
    @DisplayName("on 1 March 10:00 February's tallies may still come (2 days of grace): closed through January only")
    void theGraceHoldsTheMonthBeforeOpen() {
        Instant march1 = Instant.parse("2026-03-01T10:00:00Z");

        assertThat(receive(march1, starts(march1)))
                .containsExactly(new KpiLedger.MonthsClosedReport(YearMonth.of(2026, 1), null));
    }

    @Test
    @DisplayName("each month that closes publishes the rates through it, April without a tally too: May lost 1 of 2")
    void everyClosedMonthIsPublished() {
        receive(MARCH_10, starts(MARCH_10).plus(starts(MARCH_10)));
        Instant may20 = Instant.parse("2026-05-20T00:00:00Z");

        List<KpiLedger.Report> may20Reports = receive(may20, cancels(may20));
        List<KpiLedger.Report> june2 = receive(Instant.parse("2026-06-02T23:59:59Z"), KpiBatch.EMPTY);
        List<KpiLedger.Report> june3 = receive(Instant.parse("2026-06-03T00:00:00Z"), KpiBatch.EMPTY);

        // The history starts with March, its first tally; paying at the starts of March 0, April 2, May 2.
        assertThat(may20Reports)
                .containsExactly(
                        rates(MARCH, 1, Map.of()),
                        rates(APRIL, 2, Map.of("smb", SegmentChurn.ofMonth(2, 0))),
                        new KpiLedger.MonthsClosedReport(APRIL, MARCH));
        assertThat(june2).isEmpty();
        assertThat(june3)
                .containsExactly(
                        rates(MAY, 3, Map.of("smb", SegmentChurn.ofMonth(2, 0).plus(SegmentChurn.ofMonth(2, 1)))),
                        new KpiLedger.MonthsClosedReport(MAY, MARCH));
    }

    @Test
    @DisplayName("at the end of the input every month before the last clock's is closed, grace or not")
    void theEndOfTheInputClosesEveryEndedMonth() {
        receive(MARCH_10, starts(MARCH_10));
        Instant april1 = Instant.parse("2026-04-01T00:00:00Z");

        KpiLedger.Update end = ledger.endOfInput(0, april1, KpiBatch.EMPTY, WALL, IDLE_AFTER, CONFIG);

        assertThat(churnReports(end))
                .containsExactly(rates(MARCH, 1, Map.of()), new KpiLedger.MonthsClosedReport(MARCH, MARCH));
    }
}
