package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.BillingStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the KPI tallies and the ledger count customers per segment for the segments' churn rates. */
class SegmentChurnCountingTest {
    private static final KpiConfig CONFIG = KpiConfig.defaults(List.of());
    private static final Instant WALL = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant APRIL_10 = Instant.parse("2026-04-10T00:00:00Z");

    private static AccountSnapshot account(String currency, BillingStatus billing, long mrr, String segment) {
        return new AccountSnapshot(currency, billing, mrr, null, false, false, null, null, 0, segment);
    }

    private static AccountTransition move(Instant at, AccountSnapshot before, AccountSnapshot after) {
        return new AccountTransition(at, before, after, PeriodFacts.billingOnly(null));
    }

    private static KpiBatch batch(AccountTransition... moves) {
        KpiBatch batch = KpiBatch.EMPTY;
        for (AccountTransition move : moves) {
            batch = batch.plus(move, CONFIG);
        }
        return batch;
    }

    @Test
    @DisplayName(
            "a paying account that moves segment leaves one and joins the other; a churned one is lost to its segment")
    void tallyCountsPayingAndLostPerSegment() {
        PeriodTally tally = PeriodTally.empty(KpiPeriod.MONTH.of(MARCH_10), "USD")
                .plus(move(
                        MARCH_10,
                        account("USD", BillingStatus.ACTIVE, 4_000, "smb"),
                        account("USD", BillingStatus.ACTIVE, 60_000, "enterprise")))
                .plus(move(
                        MARCH_10,
                        account("USD", BillingStatus.ACTIVE, 70_000, "enterprise"),
                        account("USD", BillingStatus.CANCELLED, 0, "enterprise")));

        assertThat(tally.payingBySegment()).isEqualTo(Map.of("smb", -1L));
        assertThat(tally.churnedBySegment()).isEqualTo(Map.of("enterprise", 1L));
    }

    @Test
    @DisplayName("a closed month goes into the segments' churn history, every currency's accounts together")
    void closedMonthsFoldAcrossCurrencies() {
        KpiLedger ledger = KpiLedger.start(1, WALL);
        AccountSnapshot none = account("USD", BillingStatus.NONE, 0, "smb");
        KpiBatch march = batch(
                move(MARCH_10, none, account("USD", BillingStatus.ACTIVE, 4_000, "smb")),
                move(MARCH_10, none, account("USD", BillingStatus.ACTIVE, 4_000, "smb")),
                move(
                        MARCH_10,
                        account("EUR", BillingStatus.NONE, 0, "smb"),
                        account("EUR", BillingStatus.ACTIVE, 3_000, "smb")));
        KpiBatch april = batch(move(
                APRIL_10,
                account("USD", BillingStatus.ACTIVE, 4_000, "smb"),
                account("USD", BillingStatus.CANCELLED, 0, "smb")));

        ledger = ledger.receive(0, MARCH_10, march, WALL, Duration.ofHours(2), CONFIG)
                .ledger();
        ledger = ledger.receive(0, APRIL_10, april, WALL, Duration.ofHours(2), CONFIG)
                .ledger();
        ledger = ledger.receive(
                        0, Instant.parse("2026-05-03T00:00:00Z"), KpiBatch.EMPTY, WALL, Duration.ofHours(2), CONFIG)
                .ledger();

        assertThat(ledger.segmentChurn().months())
                .containsExactly(
                        new SegmentMonth(YearMonth.of(2026, 3), Map.of(), Map.of()),
                        new SegmentMonth(YearMonth.of(2026, 4), Map.of("smb", 3L), Map.of("smb", 1L)));
        assertThat(ledger.segmentChurn().paying()).isEqualTo(Map.of("smb", 2L));
    }
}
