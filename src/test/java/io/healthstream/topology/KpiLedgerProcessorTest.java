package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.PortfolioKpis;
import io.healthstream.avro.StoredKpiLedger;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.kpi.AccountSnapshot;
import io.healthstream.scoring.kpi.AccountTransition;
import io.healthstream.scoring.kpi.KpiBatch;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.PeriodFacts;
import io.healthstream.scoring.kpi.SegmentChurnHistory;
import io.healthstream.scoring.kpi.SegmentMonth;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The KPI ledger processor alone, on a {@link MockProcessorContext}: deltas in, one stored ledger, KPI records out. */
class KpiLedgerProcessorTest {
    private static final KpiConfig CONFIG = KpiConfig.defaults(List.of("signup"));
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T00:00:00Z");
    /** The end of March plus the default two days of grace. */
    private static final Instant APRIL_3 = Instant.parse("2026-04-03T00:00:00Z");

    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
    private final RecordingListener listener = new RecordingListener();
    private MockStores stores;
    private KeyValueStore<String, StoredKpiLedger> ledger;
    private KpiLedgerProcessor processor;

    @BeforeEach
    void start() {
        stores = new MockStores(context);
        ledger = stores.add(StoreNames.KPI_LEDGER, StoredKpiLedger.class);
        context.setCurrentSystemTimeMs(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        processor = new KpiLedgerProcessor(CONFIG, 1, Duration.ofHours(2), listener);
        processor.init(context);
    }

    @AfterEach
    void stop() {
        stores.close();
    }

    /** One account that starts paying 100.00 USD at {@code at}, as an account task sums it. */
    private static KpiBatch newAccount(Instant at) {
        AccountSnapshot before = new AccountSnapshot("USD", BillingStatus.NONE, 0, null, false);
        AccountSnapshot after = new AccountSnapshot("USD", BillingStatus.ACTIVE, 10_000, Band.GREEN, false);
        return KpiBatch.EMPTY.plus(new AccountTransition(at, before, after, PeriodFacts.billingOnly(null)), CONFIG);
    }

    private void receive(Instant clock, KpiBatch batch, boolean endOfInput) {
        processor.process(new Record<>(
                KpiMapper.DELTA_KEY, KpiMapper.toDelta(batch, 0, clock, endOfInput), clock.toEpochMilli()));
    }

    private List<Record<String, PortfolioKpis>> periodRecords() {
        return context.forwarded().stream()
                .filter(forward -> forward.record().value() instanceof PortfolioKpis)
                .<Record<String, PortfolioKpis>>map(forward -> new Record<>(
                        forward.record().key(),
                        (PortfolioKpis) forward.record().value(),
                        forward.record().timestamp()))
                .filter(record -> !record.value().getPeriod().equals("all-time"))
                .toList();
    }

    @Test
    @DisplayName(
            "the ledger is kept as one record, and a period is published final once the clocks pass its end and grace")
    void aPeriodIsPublishedFinalAfterItsGrace() {
        receive(MARCH_10, newAccount(MARCH_10), false);
        assertThat(ledger.get("ledger")).isNotNull();
        context.resetForwards();

        receive(APRIL_3, KpiBatch.EMPTY, false);

        assertThat(periodRecords()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("2026-03/USD");
            assertThat(record.value().getFinal$()).isTrue();
            assertThat(record.value().getMrrEnd()).isEqualTo(10_000);
            assertThat(record.timestamp()).isEqualTo(APRIL_3.toEpochMilli());
        });
        assertThat(listener.reports).isNotEmpty();
    }

    @Test
    @DisplayName("a contribution to a period that had closed is counted late on the KPI route")
    void aContributionToAClosedPeriodIsLate() {
        receive(APRIL_3, KpiBatch.EMPTY, false);

        receive(APRIL_3.plusSeconds(1), newAccount(MARCH_10), false);

        assertThat(listener.lateForKpis).containsExactly(Output.KPI_ROUTE);
    }

    @Test
    @DisplayName("at the end of the input every open period is published once more, as provisional")
    void theEndOfTheInputPublishesOpenPeriodsAsProvisional() {
        receive(MARCH_10, newAccount(MARCH_10), false);
        context.resetForwards();

        receive(MARCH_10, KpiBatch.EMPTY, true);

        assertThat(periodRecords()).singleElement().satisfies(record -> {
            assertThat(record.value().getFinal$()).isFalse();
            assertThat(record.value().getNotes()).anyMatch(note -> note.startsWith("provisional"));
        });
    }

    @Test
    @DisplayName("the segments' churn counts travel in the deltas and the closed months stay in the stored ledger")
    void segmentChurnSurvivesTheDeltaAndTheStore() {
        AccountSnapshot none =
                new AccountSnapshot("USD", BillingStatus.NONE, 0, null, false, false, null, null, 0, "smb");
        AccountSnapshot paying =
                new AccountSnapshot("USD", BillingStatus.ACTIVE, 4_000, null, false, false, null, null, 0, "smb");
        AccountSnapshot cancelled =
                new AccountSnapshot("USD", BillingStatus.CANCELLED, 0, null, false, false, null, null, 0, "smb");
        Instant april10 = Instant.parse("2026-04-10T00:00:00Z");
        receive(
                MARCH_10,
                KpiBatch.EMPTY
                        .plus(new AccountTransition(MARCH_10, none, paying, PeriodFacts.billingOnly(null)), CONFIG)
                        .plus(new AccountTransition(MARCH_10, none, paying, PeriodFacts.billingOnly(null)), CONFIG),
                false);
        receive(
                april10,
                KpiBatch.EMPTY.plus(
                        new AccountTransition(april10, paying, cancelled, PeriodFacts.billingOnly(null)), CONFIG),
                false);

        receive(Instant.parse("2026-05-03T00:00:00Z"), KpiBatch.EMPTY, false);

        SegmentChurnHistory history = KpiMapper.toDomain(ledger.get("ledger")).segmentChurn();
        assertThat(history.months())
                .containsExactly(
                        new SegmentMonth(YearMonth.of(2026, 3), Map.of(), Map.of()),
                        new SegmentMonth(YearMonth.of(2026, 4), Map.of("smb", 2L), Map.of("smb", 1L)));
        assertThat(history.paying()).isEqualTo(Map.of("smb", 1L));
    }
}
