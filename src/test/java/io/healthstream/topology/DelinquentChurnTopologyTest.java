package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.PortfolioKpis;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Delinquent churn through the whole topology: acc-1 (10 000) fails a payment on 5 March 09:00 and stays
 * silent; acc-2 (20 000) keeps stream time moving. With the default 30 days acc-1 churns on 4 April 09:00,
 * which the stream-time re-evaluation finds once acc-2's event of 5 April has moved stream time past it.
 */
class DelinquentChurnTopologyTest {
    private static final Instant MARCH_2 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant PAYMENT_FAILED = Instant.parse("2026-03-05T09:00:00Z");
    private static final Instant APRIL_5 = Instant.parse("2026-04-05T12:00:00Z");
    private static final Instant APRIL_10 = Instant.parse("2026-04-10T00:00:00Z");
    /** April's grace of two days has ended. */
    private static final Instant MAY_4 = Instant.parse("2026-05-04T00:00:00Z");

    private final TopologyHarness run = new TopologyHarness(Map.of(), MARCH_2);

    @AfterEach
    void close() {
        run.close();
    }

    private void acc1FailsAPaymentWhileAcc2KeepsUsingTheProduct() {
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-1")
                .account("acc-1")
                .at(MARCH_2)
                .mrr(0, 10_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("s-2")
                .account("acc-2")
                .at(MARCH_2)
                .mrr(0, 20_000)
                .avro());
        run.send(Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .id("s-3")
                .account("acc-1")
                .at(PAYMENT_FAILED)
                .avro());
        run.send(Events.usage().id("u-1").account("acc-2").at(APRIL_5).avro());
    }

    private PortfolioKpis finalApril() {
        run.send(Events.usage().id("u-9").account("acc-2").at(MAY_4).avro());
        return run.kpis().stream()
                .filter(kv -> kv.key.equals("2026-04/USD") && kv.value.getFinal$())
                .map(kv -> kv.value)
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    @Test
    @DisplayName("a silent account past due for 30 days is churned in April: involuntary, DELINQUENT, 10 000")
    void silentAccountPastDueTooLongIsInvoluntaryChurn() {
        acc1FailsAPaymentWhileAcc2KeepsUsingTheProduct();

        PortfolioKpis april = finalApril();

        assertThat(april.getAccountsStart()).isEqualTo(2);
        assertThat(april.getAccountsChurned()).isOne();
        assertThat(april.getAccountsChurnedInvoluntary()).isOne();
        assertThat(april.getAccountsChurnedVoluntary()).isZero();
        assertThat(april.getMrrChurnedInvoluntary()).isEqualTo(10_000);
        assertThat(april.getMrrChurnedVoluntary()).isZero();
        assertThat(april.getChurnedByReason()).isEqualTo(Map.of("DELINQUENT", 1L));
        // 30 000 - 10 000 churned = 20 000: acc-2 alone still pays.
        assertThat(april.getMrrStart()).isEqualTo(30_000);
        assertThat(april.getMrrEnd()).isEqualTo(20_000);
        assertThat(april.getAccountsEnd()).isOne();
        assertThat(april.getMovementsReconcile()).isTrue();
    }

    @Test
    @DisplayName("its payment on 10 April is 10 000 of reactivation: April ends at 30 000 again and reconciles")
    void paymentAfterDelinquentChurnIsReactivation() {
        acc1FailsAPaymentWhileAcc2KeepsUsingTheProduct();
        run.send(Events.subscription(SubscriptionChange.PAYMENT_SUCCEEDED)
                .id("s-4")
                .account("acc-1")
                .at(APRIL_10)
                .avro());

        PortfolioKpis april = finalApril();

        assertThat(april.getAccountsChurnedInvoluntary()).isOne();
        assertThat(april.getAccountsReactivated()).isOne();
        assertThat(april.getMrrReactivation()).isEqualTo(10_000);
        // 30 000 - 10 000 + 10 000 = 30 000.
        assertThat(april.getMrrEnd()).isEqualTo(30_000);
        assertThat(april.getMovementsReconcile()).isTrue();
    }
}
