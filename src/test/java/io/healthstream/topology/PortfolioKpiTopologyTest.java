package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.PortfolioKpis;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PortfolioKpiTopologyTest {
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T09:00:00Z");
    private static final Instant MARCH_31 = Instant.parse("2026-03-31T22:00:00Z");
    private static final Instant APRIL_2 = Instant.parse("2026-04-02T12:00:00Z");
    /** March's grace of two days ends here. */
    private static final Instant APRIL_3 = Instant.parse("2026-04-03T00:00:00Z");

    private static final String MARCH_USD = "2026-03/USD";

    private final TopologyHarness run =
            new TopologyHarness(Map.of("kpis.emit.interval", "1m", "kpis.grace", "2d"), MARCH_10);

    @AfterEach
    void close() {
        run.close();
    }

    private List<PortfolioKpis> recordsOf(String key) {
        return run.kpis().stream()
                .filter(kv -> kv.key.equals(key))
                .map(kv -> kv.value)
                .toList();
    }

    @Test
    @DisplayName("changes to an open period coalesce: published once the watermark is an emit interval past the first")
    void openPeriodChangesCoalesceForOneEmitInterval() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-2")
                .account("acc-2")
                .at(MARCH_10.plusSeconds(10))
                .seats(1)
                .mrr(0, 20_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-3")
                .account("acc-3")
                .at(MARCH_10.plusSeconds(50))
                .seats(1)
                .mrr(0, 30_000)
                .avro());
        assertThat(recordsOf(MARCH_USD)).isEmpty();

        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-4")
                .account("acc-4")
                .at(MARCH_10.plusSeconds(60))
                .seats(1)
                .mrr(0, 40_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-5")
                .account("acc-5")
                .at(MARCH_10.plusSeconds(90))
                .seats(1)
                .mrr(0, 50_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-6")
                .account("acc-6")
                .at(MARCH_10.plusSeconds(130))
                .seats(1)
                .mrr(0, 60_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-7")
                .account("acc-7")
                .at(MARCH_10.plusSeconds(150))
                .seats(1)
                .mrr(0, 70_000)
                .avro());

        List<PortfolioKpis> march = recordsOf(MARCH_USD);
        // s-5 is the first change after the record of +60 s: the next one waits for +150 s.
        assertThat(march).extracting(PortfolioKpis::getAccountsNew).containsExactly(4L, 7L);
        assertThat(march)
                .extracting(PortfolioKpis::getAsOf)
                .containsExactly(MARCH_10.plusSeconds(60), MARCH_10.plusSeconds(150));
        assertThat(march).extracting(PortfolioKpis::getFinal$).containsOnly(false);
    }

    @Test
    void periodIsPublishedFinalOnceItsGracePeriodHasPassed() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.usage()
                .id("u-1")
                .account("acc-1")
                .user("ann")
                .at(APRIL_3.minusMillis(1))
                .action("login")
                .avro());
        assertThat(recordsOf(MARCH_USD)).extracting(PortfolioKpis::getFinal$).containsOnly(false);

        run.send(Events.usage()
                .id("u-2")
                .account("acc-1")
                .user("ann")
                .at(APRIL_3)
                .action("login")
                .avro());

        List<PortfolioKpis> march = recordsOf(MARCH_USD);
        assertThat(march).hasSize(1);
        assertThat(march.get(0).getFinal$()).isTrue();
        assertThat(march.get(0).getAccountsEnd()).isOne();
        assertThat(march.get(0).getMrrEnd()).isEqualTo(10_000);
        assertThat(march.get(0).getAsOf()).isEqualTo(APRIL_3);
    }

    @Test
    void lateEventWithinGraceIsCountedInItsPeriod() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-2")
                .account("acc-2")
                .at(APRIL_2)
                .seats(1)
                .mrr(0, 20_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-3")
                .account("acc-3")
                .at(MARCH_31)
                .seats(1)
                .mrr(0, 30_000)
                .avro());
        run.send(Events.usage()
                .id("u-1")
                .account("acc-2")
                .user("bo")
                .at(APRIL_3)
                .action("login")
                .avro());

        PortfolioKpis march = finalOf(MARCH_USD);
        assertThat(march.getAccountsNew()).isEqualTo(2);
        assertThat(march.getMrrEnd()).isEqualTo(40_000);
    }

    @Test
    void eventAfterTheGracePeriodIsLateAndIgnored() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.usage()
                .id("u-1")
                .account("acc-1")
                .user("ann")
                .at(APRIL_3)
                .action("login")
                .avro());
        assertThat(finalOf(MARCH_USD).getAccountsNew()).isOne();

        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-2")
                .account("acc-2")
                .at(MARCH_31)
                .seats(1)
                .mrr(0, 30_000)
                .avro());
        run.send(Events.usage()
                .id("u-2")
                .account("acc-1")
                .user("ann")
                .at(APRIL_3.plus(Duration.ofMinutes(5)))
                .action("login")
                .avro());

        assertThat(recordsOf(MARCH_USD)).isEmpty();
    }

    @Test
    void wallClockAloneNeitherReEvaluatesAccountsNorClosesPeriods() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.usage()
                .id("u-1")
                .account("acc-1")
                .user("ann")
                .at(MARCH_10.plusSeconds(1))
                .action("login")
                .count(500)
                .avro());
        run.kpis();
        // Sixty days by the wall clock with no event: nothing decays, no band moves, March stays open.
        run.advanceWallClock(Duration.ofDays(60));
        assertThat(run.kpis()).isEmpty();
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-2")
                .account("acc-2")
                .at(MARCH_10.plus(Duration.ofDays(1)))
                .seats(1)
                .mrr(0, 20_000)
                .avro());

        List<PortfolioKpis> march = recordsOf(MARCH_USD);
        assertThat(march).extracting(PortfolioKpis::getFinal$).containsOnly(false);
        assertThat(march.get(march.size() - 1).getAccountsNew()).isEqualTo(2);
    }

    @Test
    void eachCurrencyGetsItsOwnRecord() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-2")
                .account("acc-2")
                .at(MARCH_10.plusSeconds(1))
                .seats(1)
                .mrr(0)
                .mrrAfter(50_000L)
                .currency("EUR")
                .avro());
        run.send(Events.usage()
                .id("u-1")
                .account("acc-1")
                .user("ann")
                .at(APRIL_3)
                .action("login")
                .avro());

        List<KeyValue<String, PortfolioKpis>> finals =
                run.kpis().stream().filter(kv -> kv.value.getFinal$()).toList();
        assertThat(finals).extracting(kv -> kv.key).containsExactlyInAnyOrder("2026-03/USD", "2026-03/EUR");
        assertThat(finals).extracting(kv -> kv.value.getMrrEnd()).containsExactlyInAnyOrder(10_000L, 50_000L);
        assertThat(finals).allSatisfy(kv -> assertThat(kv.key).endsWith("/" + kv.value.getCurrency()));
    }

    @Test
    void duplicateEventIdIsCountedOnce() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.usage()
                .id("u-1")
                .account("acc-1")
                .user("ann")
                .at(APRIL_3)
                .action("login")
                .avro());

        assertThat(finalOf(MARCH_USD).getAccountsNew()).isOne();
    }

    @Test
    void finalRecordCarriesChurnRevenueAndNpsFigures() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(Instant.parse("2026-02-20T00:00:00Z"))
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-2")
                .account("acc-2")
                .at(Instant.parse("2026-02-21T00:00:00Z"))
                .seats(1)
                .mrr(0, 30_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.CANCELLED)
                .id("s-3")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0)
                .mrrBefore(10_000L)
                .cancellationReason("PRICE")
                .avro());
        run.send(Events.subscription(SubscriptionChange.SEATS_ADDED)
                .id("s-4")
                .account("acc-2")
                .at(MARCH_10)
                .seats(1)
                .mrr(0)
                .mrrBefore(30_000L)
                .mrrAfter(45_000L)
                .avro());
        run.send(Events.nps(10)
                .id("n-1")
                .account("acc-2")
                .user("bo")
                .at(MARCH_10.plusSeconds(5))
                .avro());
        run.send(Events.usage()
                .id("u-1")
                .account("acc-2")
                .user("bo")
                .at(APRIL_3)
                .action("login")
                .avro());

        PortfolioKpis march = finalOf(MARCH_USD);
        assertThat(march.getAccountsStart()).isEqualTo(2);
        assertThat(march.getAccountsChurned()).isOne();
        assertThat(march.getChurnedByReason()).isEqualTo(Map.of("PRICE", 1L));
        assertThat(march.getChurnRatePct()).isEqualTo(50.0);
        assertThat(march.getMrrStart()).isEqualTo(40_000);
        assertThat(march.getMrrEnd()).isEqualTo(45_000);
        assertThat(march.getNrrPct()).isEqualTo(112.5);
        assertThat(march.getGrrPct()).isEqualTo(75.0);
        assertThat(march.getNegativeChurn()).isTrue();
        assertThat(march.getNps()).isEqualTo(100.0);
        assertThat(march.getTrialToPaidPct()).isNull();
        assertThat(march.getNotes()).contains("trial_to_paid_pct is null: no trial ended in the period");
        assertThat(march.getHeadline()).containsExactly("churn_rate_pct", "sessions_per_day", "nps");
    }

    @Test
    void allTimeRecordCarriesCurrentMrrAndAccountsByBand() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_10)
                .seats(1)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-2")
                .account("acc-2")
                .at(MARCH_10.plusSeconds(1))
                .seats(1)
                .mrr(0, 20_000)
                .avro());
        run.send(Events.usage()
                .id("u-1")
                .account("acc-1")
                .user("ann")
                .at(MARCH_10.plus(Duration.ofMinutes(2)))
                .action("login")
                .avro());

        List<PortfolioKpis> allTime = recordsOf("all-time/USD");
        PortfolioKpis latest = allTime.get(allTime.size() - 1);
        assertThat(latest.getPeriodStart()).isNull();
        assertThat(latest.getMrrEnd()).isEqualTo(30_000);
        assertThat(latest.getAccountsEnd()).isEqualTo(2);
        assertThat(latest.getAccountsByBand().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(2);
    }

    private PortfolioKpis finalOf(String key) {
        List<PortfolioKpis> finals =
                recordsOf(key).stream().filter(PortfolioKpis::getFinal$).toList();
        assertThat(finals).hasSize(1);
        return finals.get(0);
    }
}
