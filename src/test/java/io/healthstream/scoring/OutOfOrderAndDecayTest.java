package io.healthstream.scoring;

import static io.healthstream.scoring.AccountTimeline.healthUpdate;
import static io.healthstream.scoring.AccountTimeline.late;
import static io.healthstream.scoring.AccountTimeline.outcomes;
import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.subscription;
import static io.healthstream.testdata.Events.ticket;
import static io.healthstream.testdata.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.intake.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Events placed by occurred_at, late events, and scores that decay as time passes. */
class OutOfOrderAndDecayTest {
    private final AccountTimeline account = AccountTimeline.withDefaults();

    private static Instant hour(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    @Test
    @DisplayName("a PAYMENT_SUCCEEDED older than the latest PAYMENT_FAILED does not clear past due")
    void olderSubscriptionEventDoesNotOverwriteBillingStatus() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
        account.apply(
                subscription(SubscriptionChange.PAYMENT_FAILED).at(hour(2)).build());

        Step result = account.result(
                subscription(SubscriptionChange.PAYMENT_SUCCEEDED).at(hour(1)).build());

        assertThat(account.state.billing()).isEqualTo(BillingStatus.PAST_DUE);
        assertThat(late(result)).isTrue();
        assertThat(outcomes(result)).isEmpty();
    }

    @Test
    void olderContractionInTheWindowStillCountsButLeavesTheNewerPlan() {
        account.apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        account.apply(subscription(SubscriptionChange.PLAN_UPGRADED)
                .plan("enterprise")
                .mrr(10_000, 30_000)
                .at(hour(2))
                .build());

        List<Outcome> outcomes = account.apply(subscription(SubscriptionChange.SEATS_REMOVED)
                .plan("pro")
                .mrr(10_000, 8_000)
                .at(hour(1))
                .build());

        assertThat(account.state.plan()).isEqualTo("enterprise");
        assertThat(account.state.mrr()).isEqualTo(30_000);
        assertThat(AccountTimeline.contractions(outcomes)).hasSize(1);
        assertThat(healthUpdate(outcomes).assessment().components().billing()).isEqualTo(85.0);
    }

    @Test
    @DisplayName("a usage event 31 days older than stream time is reported late and changes nothing")
    void usageOlderThanTheWindowIsLate() {
        account.apply(usage().count(10).at(T0).build());

        Step result = account.result(
                usage().count(50).at(T0.minus(Duration.ofDays(31))).build());

        assertThat(late(result)).isTrue();
        assertThat(outcomes(result)).isEmpty();
        assertThat(account.state.usage()).hasSize(1);
    }

    @Test
    void usageEventExactlyAWindowOldIsLate() {
        account.apply(usage().count(10).at(T0).build());

        assertThat(late(account.result(
                        usage().count(50).at(T0.minus(Duration.ofDays(30))).build())))
                .isTrue();
    }

    @Test
    @DisplayName("an out-of-order usage event still inside the window is counted: 10 + 5 logins give 59 + 2")
    void outOfOrderUsageInsideTheWindowCounts() {
        account.apply(usage().count(10).at(T0).build());

        Step result = account.result(
                usage().count(5).at(T0.minus(Duration.ofDays(29))).build());

        assertThat(late(result)).isFalse();
        assertThat(healthUpdate(outcomes(result)).assessment().components().usage())
                .isEqualTo(15.0);
    }

    @Test
    @DisplayName("a RESOLVED older than the ticket's latest OPENED is ignored: the ticket stays open")
    void olderTicketEventThanTheTicketsLatestIsIgnored() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
        account.apply(ticket("t-1")
                .priority(Priority.URGENT)
                .stage(TicketStage.REOPENED)
                .at(hour(2))
                .build());

        Step result = account.result(ticket("t-1")
                .priority(Priority.URGENT)
                .stage(TicketStage.RESOLVED)
                .at(hour(1))
                .build());

        assertThat(outcomes(result)).isEmpty();
        assertThat(account.state.tickets().get("t-1").stage()).isEqualTo(TicketStage.REOPENED);
        assertThat(account.state.tickets().get("t-1").isOpen()).isTrue();
    }

    @Test
    @DisplayName("tick 31 days after 100 logins: usage leaves the window, 97 -> 57")
    void tickDecaysUsageOutOfTheWindow() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
        assertThat(healthUpdate(account.apply(usage().count(100).at(T0).build()))
                        .assessment()
                        .score())
                .isEqualTo(97.0);

        Outcome.HealthUpdate update = healthUpdate(account.tick(day(31)));

        assertThat(update.assessment().components().usage()).isZero();
        assertThat(update.assessment().score()).isEqualTo(57.0);
        assertThat(update.previousScore()).isEqualTo(97.0);
        assertThat(update.previousBand()).isEqualTo(Band.GREEN);
    }

    @Test
    @DisplayName("tick halfway through the window: half the logins still count")
    void tickKeepsUsageStillInsideTheWindow() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
        account.apply(usage().count(50).at(T0).build());
        account.apply(usage().count(50).at(day(20)).build());

        Outcome.HealthUpdate update = healthUpdate(account.tick(day(31)));

        assertThat(update.assessment().components().usage()).isEqualTo(50.0);
        assertThat(update.assessment().score()).isEqualTo(77.0);
    }

    @Test
    void tickWithNothingChangedPublishesNothing() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
        account.apply(usage().count(100).at(T0).build());

        assertThat(account.tick(hour(1))).isEmpty();
    }

    @Test
    void tickOnAnUnscoredAccountPublishesNothing() {
        account.apply(ticket("t-1").at(T0).build());

        assertThat(account.tick(day(31))).isEmpty();
    }
}
