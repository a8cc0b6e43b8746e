package io.healthstream.scoring;

import static io.healthstream.scoring.AccountTimeline.alerts;
import static io.healthstream.scoring.AccountTimeline.healthUpdate;
import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.override;
import static io.healthstream.testdata.Events.subscription;
import static io.healthstream.testdata.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.intake.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CSM overrides: shown beside the computed score, published when set, lifted or ended, latest command wins. */
class OverrideRulesTest {
    private final AccountTimeline account = AccountTimeline.withDefaults();

    private static Instant hour(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    @BeforeEach
    void aYellowAccountScoring57() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
    }

    @Test
    @DisplayName("setting an override publishes the account at once, its computed 57 YELLOW unchanged")
    void setPublishesAtOnceBesideTheComputedScore() {
        Outcome.HealthUpdate update = healthUpdate(account.apply(
                override().band(Band.GREEN).at(hour(1)).expiresAt(hour(49)).build()));

        assertThat(update.assessment().score()).isEqualTo(57.0);
        assertThat(update.assessment().band()).isEqualTo(Band.YELLOW);
        assertThat(update.override().band()).isEqualTo(Band.GREEN);
        assertThat(update.override().score()).isNull();
        assertThat(update.override().author()).isEqualTo("alice");
        assertThat(update.override().reason()).isEqualTo("renewal signed");
        assertThat(update.override().expiresAt()).isEqualTo(hour(49));
        assertThat(update.expired()).isNull();
    }

    @Test
    @DisplayName("the score keeps being computed while overridden, and each update carries the override")
    void laterUpdatesCarryTheActiveOverride() {
        account.apply(override().band(Band.GREEN).at(hour(1)).build());

        Outcome.HealthUpdate update =
                healthUpdate(account.apply(usage().count(10).at(hour(2)).build()));

        assertThat(update.assessment().score()).isEqualTo(61.0);
        assertThat(update.override().band()).isEqualTo(Band.GREEN);
    }

    @Test
    @DisplayName("a pinned score of 85 holds the account at the band of 85: GREEN")
    void aPinnedScoreTakesTheBandOfItsScore() {
        Outcome.HealthUpdate update =
                healthUpdate(account.apply(override().score(85).at(hour(1)).build()));

        assertThat(update.override().score()).isEqualTo(85.0);
        assertThat(update.override().band()).isEqualTo(Band.GREEN);
        assertThat(update.assessment().score()).isEqualTo(57.0);
    }

    @Test
    @DisplayName("lifting publishes the account at once without an override")
    void liftPublishesAtOnce() {
        account.apply(override().at(hour(1)).build());

        Outcome.HealthUpdate update =
                healthUpdate(account.apply(override().lift().at(hour(2)).build()));

        assertThat(update.override()).isNull();
        assertThat(update.expired()).isNull();
        assertThat(update.assessment().band()).isEqualTo(Band.YELLOW);
        assertThat(account.state.override()).isNull();
    }

    @Test
    @DisplayName("lifting when no override holds publishes nothing")
    void liftingNothingPublishesNothing() {
        assertThat(account.apply(override().lift().at(hour(1)).build())).isEmpty();
    }

    @Test
    @DisplayName("at expires_at, on the account's own time, the computed band returns with OVERRIDE_EXPIRED")
    void expiryPublishesTheComputedBandAndSaysOverrideExpired() {
        account.apply(
                override().band(Band.GREEN).at(hour(1)).expiresAt(hour(49)).build());
        assertThat(account.intake.nextDue(account.memory())).contains(hour(49));

        assertThat(account.tick(hour(48))).isEmpty();
        Outcome.HealthUpdate update = healthUpdate(account.tick(hour(49)));

        assertThat(update.override()).isNull();
        assertThat(update.expired().band()).isEqualTo(Band.GREEN);
        assertThat(update.assessment().band()).isEqualTo(Band.YELLOW);
        assertThat(update.assessment().recommendedAction())
                .startsWith("OVERRIDE_EXPIRED: the override to GREEN by alice ('renewal signed') ended;"
                        + " the computed band YELLOW is back. ");
        assertThat(account.state.override()).isNull();
    }

    @Test
    @DisplayName("an event after expires_at first runs the expiry, then carries no override")
    void anEventAfterTheExpiryFindsItExpired() {
        account.apply(override().at(hour(1)).expiresAt(hour(3)).build());

        List<Outcome> outcomes = account.apply(usage().count(10).at(hour(4)).build());

        assertThat(AccountTimeline.healthUpdates(outcomes))
                .extracting(Outcome.HealthUpdate::expired)
                .first()
                .isNotNull();
        assertThat(AccountTimeline.healthUpdates(outcomes))
                .allSatisfy(update -> assertThat(update.override()).isNull());
    }

    @Test
    @DisplayName("churn signals still fire while overridden (payment failed, RED entered), marked as such")
    void signalsFireWhileOverriddenMarked() {
        account.apply(override().band(Band.GREEN).at(hour(1)).build());

        List<Outcome.ChurnAlert> alerts = alerts(account.apply(
                subscription(SubscriptionChange.PAYMENT_FAILED).at(hour(2)).build()));

        assertThat(alerts)
                .extracting(Outcome.ChurnAlert::type)
                .containsExactly(SignalType.PAYMENT_FAILED, SignalType.RED_BAND_ENTERED);
        assertThat(alerts).allSatisfy(alert -> assertThat(alert.overridden()).isTrue());
    }

    @Test
    @DisplayName("without an override, signals are not marked")
    void signalsWithoutOverrideAreNotMarked() {
        List<Outcome.ChurnAlert> alerts = alerts(account.apply(
                subscription(SubscriptionChange.PAYMENT_FAILED).at(hour(2)).build()));

        assertThat(alerts.get(0).overridden()).isFalse();
    }

    @Test
    @DisplayName("the latest command wins: a LIFT given before the SET, arriving after it, changes nothing")
    void anOlderCommandArrivingLaterChangesNothing() {
        account.apply(override().at(hour(2)).build());

        Step step = account.result(override().lift().at(hour(1)).build());

        assertThat(step.disposition()).isEqualTo(Step.Disposition.LATE);
        assertThat(step.decisions()).isEmpty();
        assertThat(account.state.override()).isNotNull();
    }

    @Test
    @DisplayName("a SET whose expires_at the account's time has passed changes nothing")
    void anAlreadyExpiredSetChangesNothing() {
        account.apply(usage().at(hour(10)).build());

        Step step = account.result(override().at(hour(1)).expiresAt(hour(5)).build());

        assertThat(step.disposition()).isEqualTo(Step.Disposition.LATE);
        assertThat(account.state.override()).isNull();
    }

    @Test
    @DisplayName("the same override id twice is applied once")
    void aDuplicateOverrideIsAppliedOnce() {
        account.apply(override().id("ovr-1").at(hour(1)).build());

        Step again = account.result(override().id("ovr-1").at(hour(1)).build());

        assertThat(again.disposition()).isEqualTo(Step.Disposition.DUPLICATE);
        assertThat(again.decisions()).isEmpty();
    }

    @Test
    @DisplayName("an override of an account not scored yet starts no clock and shows on its first score")
    void anOverrideBeforeTheFirstScoreShowsOnIt() {
        AccountTimeline fresh = AccountTimeline.withDefaults();

        assertThat(fresh.apply(override().at(T0).build())).isEmpty();
        assertThat(fresh.state.activity().firstSeenAt()).isNull();
        Outcome.HealthUpdate first = healthUpdate(fresh.apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .at(hour(1))
                .build()));

        assertThat(first.override().band()).isEqualTo(Band.GREEN);
    }
}
