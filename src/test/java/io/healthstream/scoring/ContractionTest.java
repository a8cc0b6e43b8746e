package io.healthstream.scoring;

import static io.healthstream.scoring.AccountTimeline.alertTypes;
import static io.healthstream.scoring.AccountTimeline.contractions;
import static io.healthstream.scoring.AccountTimeline.healthUpdate;
import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContractionTest {
    private final AccountTimeline account = AccountTimeline.withDefaults();

    private static Instant hour(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    @ParameterizedTest(name = "{0} is a {1} contraction")
    @CsvSource({"PLAN_DOWNGRADED, DOWNGRADE", "SEATS_REMOVED,   SEATS_REDUCED", "ADDON_REMOVED,   ADDON_CANCELLED"})
    void eachContractionKindRaisesItsAlertWithANegativeDelta(SubscriptionChange change, ContractionType kind) {
        account.apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .mrr(0, 20_000)
                .at(T0)
                .build());

        List<Outcome.Contraction> alerts = contractions(account.apply(subscription(change)
                .mrr(20_000, 15_000)
                .currency("EUR")
                .at(hour(1))
                .build()));

        assertThat(alerts).hasSize(1);
        Outcome.Contraction contraction = alerts.get(0);
        assertThat(contraction.type()).isEqualTo(kind);
        assertThat(contraction.mrrBefore()).isEqualTo(20_000);
        assertThat(contraction.mrrAfter()).isEqualTo(15_000);
        assertThat(contraction.mrrDelta()).isEqualTo(-5_000);
        assertThat(contraction.currency()).isEqualTo("EUR");
        assertThat(contraction.recommendedAction()).startsWith("Contact the account now");
    }

    @Test
    void cancelledAddonIsNamedOnTheAlert() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());

        Outcome.Contraction contraction = contractions(account.apply(subscription(SubscriptionChange.ADDON_REMOVED)
                        .addon("sso")
                        .mrr(10_000, 8_000)
                        .at(hour(1))
                        .build()))
                .get(0);

        assertThat(contraction.addon()).isEqualTo("sso");
        assertThat(contraction.recommendedAction()).contains("(addon cancelled)");
    }

    @Test
    @DisplayName("a cancellation is churn, not contraction")
    void cancellationIsNotAContraction() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());

        List<Outcome> outcomes = account.apply(subscription(SubscriptionChange.CANCELLED)
                .mrr(10_000, 0)
                .cancellationReason("PRICE")
                .at(hour(1))
                .build());

        assertThat(contractions(outcomes)).isEmpty();
        assertThat(alertTypes(outcomes)).contains(SignalType.CANCELLED);
    }

    @Test
    void expansionIsNotAContraction() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());

        assertThat(contractions(account.apply(subscription(SubscriptionChange.PLAN_UPGRADED)
                        .mrr(10_000, 20_000)
                        .at(hour(1))
                        .build())))
                .isEmpty();
    }

    @Test
    @DisplayName("a downgrade costs 15 billing points: 57 -> 52.5")
    void contractionLowersTheBillingComponent() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());

        Outcome.HealthUpdate update = healthUpdate(account.apply(subscription(SubscriptionChange.PLAN_DOWNGRADED)
                .mrr(10_000, 6_000)
                .at(hour(1))
                .build()));

        assertThat(update.assessment().components().billing()).isEqualTo(85.0);
        assertThat(update.assessment().score()).isEqualTo(52.5);
    }

    @Test
    void contractionPenaltyExpiresAfterTheWindow() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
        account.apply(subscription(SubscriptionChange.SEATS_REMOVED)
                .mrr(10_000, 6_000)
                .at(hour(1))
                .build());

        Outcome.HealthUpdate update = healthUpdate(account.tick(hour(1).plus(Duration.ofDays(30))));

        assertThat(update.assessment().components().billing()).isEqualTo(100.0);
    }

    @Test
    void contractionActionIsPhrasedForTheTier() {
        account.apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .mrr(0, 60_000)
                .at(T0)
                .build());

        Outcome.Contraction contraction = contractions(account.apply(subscription(SubscriptionChange.PLAN_DOWNGRADED)
                        .mrr(60_000, 55_000)
                        .at(hour(1))
                        .build()))
                .get(0);

        assertThat(contraction.recommendedAction())
                .isEqualTo(
                        "Contact the account now to understand the contraction (downgrade), by a CSM call or 1:1 session");
    }
}
