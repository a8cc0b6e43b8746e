package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.Band;
import io.healthstream.scoring.BillingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The portfolio KPI ledger's rules, one per test: counting, lateness, watermark, close, coalescing, end of input. */
class KpiLedgerTest {
    private static final KpiConfig CONFIG = KpiConfig.defaults(List.of("signup"));
    private static final Instant WALL = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration IDLE_AFTER = Duration.ofHours(2);
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant APRIL_3 = Instant.parse("2026-04-03T00:00:00Z");

    private KpiLedger ledger = KpiLedger.start(1, WALL);

    /** One account that starts paying {@code mrr} at {@code at}, as an account task would sum it. */
    private static KpiBatch newAccount(Instant at, long mrr) {
        AccountSnapshot before = new AccountSnapshot("USD", BillingStatus.NONE, 0, null, false);
        AccountSnapshot after = new AccountSnapshot("USD", BillingStatus.ACTIVE, mrr, Band.YELLOW, false);
        return KpiBatch.EMPTY.plus(new AccountTransition(at, before, after, PeriodFacts.billingOnly(null)), CONFIG);
    }

    private KpiLedger.Update receive(int partition, Instant clock, KpiBatch batch) {
        KpiLedger.Update update = ledger.receive(partition, clock, batch, WALL, IDLE_AFTER, CONFIG);
        ledger = update.ledger();
        return update;
    }

    private static List<PortfolioFigures> periods(KpiLedger.Update update) {
        return update.reports().stream()
                .filter(KpiLedger.PeriodReport.class::isInstance)
                .map(r -> ((KpiLedger.PeriodReport) r).figures())
                .toList();
    }

    @Test
    @DisplayName("a task's batch adds to its period's tally and to the band counts")
    void batchesAddUp() {
        receive(0, MARCH_10, newAccount(MARCH_10, 10_000));
        receive(0, MARCH_10.plusSeconds(1), newAccount(MARCH_10.plusSeconds(1), 20_000));

        assertThat(ledger.open()).singleElement().satisfies(p -> {
            assertThat(p.tally().accountsNew()).isEqualTo(2);
            assertThat(p.tally().mrrNew()).isEqualTo(30_000);
        });
        assertThat(ledger.totals().get("USD").accountsByBand()).isEqualTo(Map.of(Band.YELLOW, 2L));
    }

    @Test
    @DisplayName(
            "a period closes once the watermark passes its end plus the grace: published final once, in start order")
    void periodClosesAfterItsGrace() {
        receive(0, MARCH_10, newAccount(MARCH_10, 10_000));
        receive(0, APRIL_3.minusMillis(1), KpiBatch.EMPTY);
        assertThat(ledger.open()).hasSize(1);

        KpiLedger.Update closed = receive(0, APRIL_3, KpiBatch.EMPTY);

        assertThat(periods(closed)).singleElement().satisfies(f -> {
            assertThat(f.isFinal()).isTrue();
            assertThat(f.period().label()).isEqualTo("2026-03");
            assertThat(f.end().mrr()).isEqualTo(10_000);
            assertThat(f.asOf()).isEqualTo(APRIL_3);
        });
        assertThat(ledger.open()).isEmpty();
        assertThat(ledger.totals().get("USD").closed()).isEqualTo(new Levels(1, 10_000, TierCounts.ZERO, Map.of()));
    }

    @Test
    @DisplayName("a tally for a period that had already closed is late: dropped and counted")
    void tallyOfAClosedPeriodIsLate() {
        receive(0, APRIL_3, KpiBatch.EMPTY);

        KpiLedger.Update late = receive(0, APRIL_3.plusSeconds(1), newAccount(MARCH_10, 10_000));

        assertThat(late.lateTallies()).isOne();
        assertThat(ledger.open()).isEmpty();
    }

    @Test
    @DisplayName("the watermark is the slowest partition's clock: a lagging partition keeps March open")
    void slowestPartitionHoldsThePeriodOpen() {
        ledger = KpiLedger.start(2, WALL);
        receive(0, MARCH_10, newAccount(MARCH_10, 10_000));
        receive(1, MARCH_10, KpiBatch.EMPTY);
        receive(0, APRIL_3.plus(Duration.ofDays(5)), KpiBatch.EMPTY);
        assertThat(ledger.open()).hasSize(1);

        KpiLedger.Update late = receive(1, APRIL_3, newAccount(Instant.parse("2026-03-31T00:00:00Z"), 5_000));

        assertThat(late.lateTallies()).isZero();
        assertThat(periods(late))
                .singleElement()
                .satisfies(f -> assertThat(f.accountsNew()).isEqualTo(2));
    }

    @Test
    @DisplayName("told of every partition, the ledger publishes the open period once each has sent its clock")
    void everyPartitionExpectedPublishesTheOpenPeriod() {
        ledger = KpiLedger.start(2, WALL);
        receive(0, MARCH_10.plus(Duration.ofHours(5)), newAccount(MARCH_10, 10_000));

        KpiLedger.Update second = receive(1, MARCH_10.plus(Duration.ofHours(4)), newAccount(MARCH_10, 5_000));

        assertThat(periods(second))
                .singleElement()
                .satisfies(f -> assertThat(f.isFinal()).isFalse());
    }

    @Test
    @DisplayName(
            "told of fewer partitions than send, the ledger may hold the open period back: why run checks the count")
    void aPartitionNotExpectedHoldsTheOpenPeriodBack() {
        receive(0, MARCH_10.plus(Duration.ofHours(5)), newAccount(MARCH_10, 10_000));

        KpiLedger.Update second = receive(1, MARCH_10.plus(Duration.ofHours(4)), newAccount(MARCH_10, 5_000));

        assertThat(periods(second)).isEmpty();
        assertThat(ledger.open())
                .singleElement()
                .satisfies(p -> assertThat(p.tally().accountsNew()).isEqualTo(2));
    }

    @Test
    @DisplayName("a partition whose clock has not moved for the idle time holds nobody back")
    void idlePartitionDoesNotHoldTheWatermark() {
        ledger = KpiLedger.start(2, WALL);
        receive(0, MARCH_10, newAccount(MARCH_10, 10_000));

        KpiLedger.Update update = ledger.receive(0, APRIL_3, KpiBatch.EMPTY, WALL.plus(IDLE_AFTER), IDLE_AFTER, CONFIG);

        assertThat(periods(update)).extracting(PortfolioFigures::isFinal).containsExactly(true);
    }

    @Test
    @DisplayName("changes coalesce: an open period goes out one emit interval after its first unpublished change")
    void changesCoalesceForOneEmitInterval() {
        KpiLedger.Update first = receive(0, MARCH_10, newAccount(MARCH_10, 10_000));
        KpiLedger.Update within = receive(0, MARCH_10.plusSeconds(59), newAccount(MARCH_10.plusSeconds(59), 10_000));
        KpiLedger.Update due = receive(0, MARCH_10.plusSeconds(60), KpiBatch.EMPTY);

        assertThat(first.reports()).singleElement().isInstanceOf(KpiLedger.MonthsClosedReport.class);
        assertThat(within.reports()).isEmpty();
        assertThat(periods(due)).singleElement().satisfies(f -> {
            assertThat(f.isFinal()).isFalse();
            assertThat(f.accountsNew()).isEqualTo(2);
        });
        assertThat(due.reports())
                .filteredOn(KpiLedger.AllTimeReport.class::isInstance)
                .hasSize(1);
        assertThat(receive(0, MARCH_10.plusSeconds(600), KpiBatch.EMPTY).reports())
                .isEmpty();
    }

    @Test
    @DisplayName("at the end of the input every period that ended is final and the rest provisional, each once")
    void endOfInputPublishesEveryPeriodOnce() {
        receive(0, MARCH_10, newAccount(MARCH_10, 10_000));
        Instant april10 = Instant.parse("2026-04-10T00:00:00Z");

        KpiLedger.Update end = ledger.endOfInput(0, april10, newAccount(april10, 5_000), WALL, IDLE_AFTER, CONFIG);

        assertThat(periods(end))
                .extracting(f -> f.period().label() + " " + f.isFinal())
                .containsExactly("2026-03 true", "2026-04 false");
        assertThat(periods(end).get(1).notes()).contains("provisional: the period was still open when the input ended");
        assertThat(end.reports())
                .filteredOn(KpiLedger.AllTimeReport.class::isInstance)
                .singleElement()
                .satisfies(r -> assertThat(
                                ((KpiLedger.AllTimeReport) r).figures().now().mrr())
                        .isEqualTo(15_000));
    }
}
