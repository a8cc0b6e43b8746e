package io.healthstream.scoring.intake;

import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.subscription;
import static io.healthstream.testdata.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.kpi.AccountTransition;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.PeriodTally;
import io.healthstream.testdata.Models;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Delinquent churn, worked by hand: an account paying 100.00 USD a month (10 000 minor units) fails a
 * payment on 5 March at 09:00. With billing.past-due.churn-after-days = 30 its spell turns into churn 30
 * days later, on 4 April at 09:00 (March has 31 days: 5 March + 26 days = 31 March, + 4 days = 4 April).
 */
class DelinquentChurnTest {
    private static final ModelConfig MODEL = Models.with(Map.of());
    private static final KpiConfig KPIS = KpiConfig.defaults(MODEL.onboardingSteps());
    private static final Instant PAYMENT_FAILED = Instant.parse("2026-03-05T09:00:00Z");
    private static final Instant CHURNS_AT = Instant.parse("2026-04-04T09:00:00Z");
    private static final Instant APRIL_10 = Instant.parse("2026-04-10T00:00:00Z");

    private final AccountIntake intake = new AccountIntake(MODEL, KPIS);
    private final List<AccountTransition> kpis = new ArrayList<>();
    private AccountMemory memory = AccountMemory.NEW;

    private void apply(AccountEvent event) {
        remember(intake.onEvent(memory, event, event.occurredAt(), null));
    }

    /** Lets every re-evaluation due before {@code until} run, with the KPI feed at {@code kpiClock}. */
    private void waitUntil(Instant until, Instant kpiClock) {
        intake.nextDue(memory).ifPresent(due -> remember(intake.onTime(memory, due, until, kpiClock)));
    }

    private void remember(Step step) {
        memory = step.memory();
        kpis.addAll(step.kpis());
    }

    private void payingAccountFailsAPayment() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .at(T0)
                .mrr(0, 10_000)
                .build());
        apply(subscription(SubscriptionChange.PAYMENT_FAILED).at(PAYMENT_FAILED).build());
    }

    private List<AccountTransition> delinquencies() {
        return kpis.stream()
                .filter(t -> t.hasPeriodFacts()
                        && PeriodTally.DELINQUENT.equals(t.facts().cancellationReason()))
                .toList();
    }

    private PeriodTally april() {
        PeriodTally tally = PeriodTally.empty(KpiPeriod.MONTH.of(CHURNS_AT), "USD");
        for (AccountTransition t : kpis) {
            if (t.hasPeriodFacts() && !t.at().isBefore(tally.period().start())) {
                tally = tally.plus(t);
            }
        }
        return tally;
    }

    @Test
    @DisplayName("past due for 30 days: churned at 4 April 09:00 with reason DELINQUENT, 10 000 of involuntary churn")
    void accountPastDueForTheConfiguredDaysChurnsInvoluntarily() {
        payingAccountFailsAPayment();
        assertThat(intake.nextDue(memory)).isPresent();

        waitUntil(APRIL_10, APRIL_10);

        assertThat(delinquencies()).singleElement().satisfies(t -> {
            assertThat(t.at()).isEqualTo(CHURNS_AT);
            assertThat(t.before().paying()).isTrue();
            assertThat(t.after().paying()).isFalse();
        });
        PeriodTally april = april();
        assertThat(april.accountsChurned()).isOne();
        assertThat(april.accountsChurnedInvoluntary()).isOne();
        assertThat(april.mrrChurned()).isEqualTo(10_000);
        assertThat(april.mrrChurnedInvoluntary()).isEqualTo(10_000);
        assertThat(april.churnedByReason()).isEqualTo(Map.of("DELINQUENT", 1L));
        // The paying MRR fell by 10 000, all of it explained by the churn movement.
        assertThat(april.mrrNet()).isEqualTo(-10_000);
        assertThat(april.reconciles()).isTrue();
    }

    @Test
    @DisplayName("a later payment of a delinquent account is 10 000 of reactivation MRR, which nets April to 0")
    void paymentAfterDelinquentChurnIsReactivation() {
        payingAccountFailsAPayment();
        waitUntil(APRIL_10, APRIL_10);

        apply(subscription(SubscriptionChange.PAYMENT_SUCCEEDED).at(APRIL_10).build());

        PeriodTally april = april();
        assertThat(april.accountsReactivated()).isOne();
        assertThat(april.mrrReactivation()).isEqualTo(10_000);
        assertThat(april.accountsNew()).isZero();
        // start 10 000 - churned 10 000 + reactivation 10 000 = 10 000 at the end: a net change of 0.
        assertThat(april.mrrNet()).isZero();
        assertThat(april.mrrMovements()).isZero();
        assertThat(memory.health().subscription().delinquent()).isFalse();
        assertThat(memory.health().subscription().pastDueSince()).isNull();
    }

    @Test
    @DisplayName("paid on 20 March, within the 30 days: no churn at all")
    void paymentWithinTheSpellIsNoChurn() {
        payingAccountFailsAPayment();
        apply(subscription(SubscriptionChange.PAYMENT_SUCCEEDED)
                .at(Instant.parse("2026-03-20T00:00:00Z"))
                .build());

        waitUntil(APRIL_10, APRIL_10);

        assertThat(delinquencies()).isEmpty();
        assertThat(kpis)
                .noneMatch(t ->
                        t.hasPeriodFacts() && t.before().paying() && !t.after().paying());
    }

    @Test
    @DisplayName("a payment at the very moment the 30 days end is still in time")
    void paymentAtTheDeadlineIsInTime() {
        payingAccountFailsAPayment();

        apply(subscription(SubscriptionChange.PAYMENT_SUCCEEDED).at(CHURNS_AT).build());
        waitUntil(APRIL_10, APRIL_10);

        assertThat(delinquencies()).isEmpty();
    }

    @Test
    @DisplayName("a second failed payment on 20 March does not restart the spell: churn still on 4 April 09:00")
    void anotherFailedPaymentKeepsTheSpellsStart() {
        payingAccountFailsAPayment();
        apply(subscription(SubscriptionChange.PAYMENT_FAILED)
                .at(Instant.parse("2026-03-20T00:00:00Z"))
                .build());

        waitUntil(APRIL_10, APRIL_10);

        assertThat(delinquencies())
                .singleElement()
                .extracting(AccountTransition::at)
                .isEqualTo(CHURNS_AT);
    }

    @Test
    @DisplayName("the account's next event, on 6 April, first books the churn due on 4 April")
    void nextEventAfterTheDeadlineBooksTheChurnFirst() {
        payingAccountFailsAPayment();

        apply(usage().at(Instant.parse("2026-04-06T00:00:00Z")).build());

        assertThat(delinquencies())
                .singleElement()
                .extracting(AccountTransition::at)
                .isEqualTo(CHURNS_AT);
    }

    @Test
    @DisplayName(
            "churn due in April but found only on 10 May, after April closed (1 May + 2 days' grace), is booked in May")
    void churnFoundAfterItsPeriodClosedIsBookedInTheOpenPeriod() {
        payingAccountFailsAPayment();
        Instant may10 = Instant.parse("2026-05-10T00:00:00Z");

        waitUntil(may10, may10);

        assertThat(delinquencies())
                .singleElement()
                .extracting(AccountTransition::at)
                .isEqualTo(may10);
    }

    @Test
    @DisplayName("billing.past-due.churn-after-days = 10: the same spell churns on 15 March 09:00")
    void churnAfterDaysIsConfigurable() {
        KpiConfig tenDays = new KpiConfig(
                KPIS.period(),
                KPIS.grace(),
                KPIS.emitInterval(),
                null,
                null,
                KPIS.strategy(),
                KPIS.onboardingSteps(),
                java.time.Duration.ofDays(10),
                KPIS.retentionCosts());
        AccountIntake quick = new AccountIntake(MODEL, tenDays);
        Step started = quick.onEvent(
                AccountMemory.NEW,
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                        .at(T0)
                        .mrr(0, 10_000)
                        .build(),
                T0,
                null);
        Step failed = quick.onEvent(
                started.memory(),
                subscription(SubscriptionChange.PAYMENT_FAILED)
                        .at(PAYMENT_FAILED)
                        .build(),
                PAYMENT_FAILED,
                null);

        Instant march20 = Instant.parse("2026-03-20T00:00:00Z");

        Step waited =
                quick.onTime(failed.memory(), quick.nextDue(failed.memory()).orElseThrow(), march20, march20);

        assertThat(waited.kpis())
                .filteredOn(t -> t.hasPeriodFacts())
                .singleElement()
                .extracting(AccountTransition::at)
                .isEqualTo(Instant.parse("2026-03-15T09:00:00Z"));
    }
}
