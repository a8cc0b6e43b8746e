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
 * When the KPI ledger publishes the segments' churn rates that per-account LTV divides by: where its history starts,
 * and every month that ends, with tallies or without. Default grace: 2 days.
 */
class SegmentChurnPublishingTest {
    private static final KpiConfig CONFIG = KpiConfig.defaults(List.of());
    private static final Instant WALL = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration IDLE_AFTER = Duration.ofHours(2);
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T00:00:00Z");

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

    private List<KpiLedger.SegmentChurnReport> receive(Instant clock, KpiBatch batch) {
        KpiLedger.Update update = ledger.receive(0, clock, batch, WALL, IDLE_AFTER, CONFIG);
        ledger = update.ledger();
        return churnReports(update);
    }

    private static List<KpiLedger.SegmentChurnReport> churnReports(KpiLedger.Update update) {
        return update.reports().stream()
                .filter(KpiLedger.SegmentChurnReport.class::isInstance)
                .map(KpiLedger.SegmentChurnReport.class::cast)
                .toList();
    }

    @Test
    @DisplayName("the first watermark starts the history with the earliest month still open, published as 'first'")
    void theHistoryStartsAtTheFirstWatermark() {
        List<KpiLedger.SegmentChurnReport> reports = receive(MARCH_10, starts(MARCH_10));

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.start()).isTrue();
            assertThat(report.rates()).isEqualTo(SegmentChurnRates.startOfHistory(YearMonth.of(2026, 3)));
        });
        assertThat(receive(MARCH_10.plusSeconds(60), KpiBatch.EMPTY)).isEmpty();
    }

    @Test
    @DisplayName(
            "on 1 March 10:00 February's tallies may still come (2 days of grace): the history starts with February")
    void theHistoryReachesBackAsFarAsTheGrace() {
        Instant march1 = Instant.parse("2026-03-01T10:00:00Z");

        assertThat(receive(march1, starts(march1)))
                .singleElement()
                .extracting(report -> report.rates().through())
                .isEqualTo(YearMonth.of(2026, 2));
    }

    @Test
    @DisplayName("each month that ends publishes the rates through it, April without a tally too: 1 lost of 0+2+2")
    void everyEndedMonthIsPublished() {
        receive(MARCH_10, starts(MARCH_10).plus(starts(MARCH_10)));
        Instant may20 = Instant.parse("2026-05-20T00:00:00Z");

        List<KpiLedger.SegmentChurnReport> may20Reports = receive(may20, cancels(may20));
        List<KpiLedger.SegmentChurnReport> june2 = receive(Instant.parse("2026-06-02T23:59:59Z"), KpiBatch.EMPTY);
        List<KpiLedger.SegmentChurnReport> june3 = receive(Instant.parse("2026-06-03T00:00:00Z"), KpiBatch.EMPTY);

        assertThat(may20Reports)
                .extracting(report -> report.rates().through())
                .containsExactly(YearMonth.of(2026, 3), YearMonth.of(2026, 4));
        assertThat(may20Reports.get(1).rates().segments()).isEqualTo(Map.of("smb", new SegmentChurn(2, 0)));
        assertThat(june2).isEmpty();
        assertThat(june3).singleElement().satisfies(report -> {
            SegmentChurnRates may = report.rates();
            assertThat(may.through()).isEqualTo(YearMonth.of(2026, 5));
            assertThat(may.months()).isEqualTo(3);
            // Paying at the starts of March 0, April 2, May 2; one lost in May.
            assertThat(may.segments()).isEqualTo(Map.of("smb", new SegmentChurn(4, 1)));
        });
    }

    @Test
    @DisplayName("at the end of the input every month before the last clock's is published, grace or not")
    void theEndOfTheInputPublishesEveryEndedMonth() {
        receive(MARCH_10, starts(MARCH_10));
        Instant april1 = Instant.parse("2026-04-01T00:00:00Z");

        KpiLedger.Update end = ledger.endOfInput(0, april1, KpiBatch.EMPTY, WALL, IDLE_AFTER, CONFIG);

        assertThat(churnReports(end))
                .extracting(report -> report.rates().through())
                .containsExactly(YearMonth.of(2026, 3));
    }
}
