package io.healthstream.scoring;

import static io.healthstream.scoring.AccountTimeline.healthUpdate;
import static io.healthstream.scoring.AccountTimeline.healthUpdates;
import static io.healthstream.scoring.AccountTimeline.npsFeedback;
import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.nps;
import static io.healthstream.testdata.Events.subscription;
import static io.healthstream.testdata.Events.ticket;
import static io.healthstream.testdata.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When a HealthUpdate is published: each login below adds 0.4 points (U +1 x 0.40). */
class EmissionRuleTest {
    private final AccountTimeline account = AccountTimeline.withDefaults();

    private static Instant hour(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    @Test
    @DisplayName("the first score of an account is always published: U 0, B 100, S 100, N 70 = 57")
    void firstScoreIsPublished() {
        Outcome.HealthUpdate update = healthUpdate(account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build()));

        assertThat(update.assessment().score()).isEqualTo(57.0);
        assertThat(update.previousScore()).isNull();
        assertThat(update.previousBand()).isNull();
    }

    @Test
    @DisplayName("a move of 0.8 points within the band publishes nothing")
    void moveBelowMinDeltaInTheSameBandIsNotPublished() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());

        List<Outcome> outcomes = account.apply(usage().count(2).at(hour(1)).build());

        assertThat(outcomes).isEmpty();
        assertThat(account.state.lastScore()).isEqualTo(57.0);
    }

    @Test
    @DisplayName("small moves add up: 57 -> 57.8 (silent) -> 58.2 published with previous 57")
    void moveIsMeasuredFromTheLastPublishedScore() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
        account.apply(usage().count(2).at(hour(1)).build());

        Outcome.HealthUpdate update =
                healthUpdate(account.apply(usage().count(1).at(hour(2)).build()));

        assertThat(update.assessment().score()).isEqualTo(58.2);
        assertThat(update.previousScore()).isEqualTo(57.0);
    }

    @Test
    @DisplayName("a move of exactly 1.0 is published")
    void moveOfExactlyMinDeltaIsPublished() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());

        // 0.10 x 10 = 1 point: a passive answer of 8 moves N from no-data 70 to 80
        Outcome.HealthUpdate update =
                healthUpdate(account.apply(nps(8).at(hour(1)).build()));

        assertThat(update.assessment().score()).isEqualTo(58.0);
        assertThat(update.previousScore()).isEqualTo(57.0);
    }

    @Test
    @DisplayName("69.8 YELLOW -> 70.2 GREEN is published although it moved only 0.4")
    void bandChangeIsPublishedEvenForASmallMove() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
        assertThat(healthUpdate(account.apply(usage().count(32).at(hour(1)).build()))
                        .assessment()
                        .score())
                .isEqualTo(69.8);

        Outcome.HealthUpdate update =
                healthUpdate(account.apply(usage().count(1).at(hour(2)).build()));

        assertThat(update.assessment().score()).isEqualTo(70.2);
        assertThat(update.assessment().band()).isEqualTo(Band.GREEN);
        assertThat(update.previousBand()).isEqualTo(Band.YELLOW);
        assertThat(update.previousScore()).isEqualTo(69.8);
    }

    @Test
    void npsAnswerAloneDoesNotScoreTheAccount() {
        List<Outcome> outcomes = account.apply(nps(9).at(T0).build());

        assertThat(healthUpdates(outcomes)).isEmpty();
        assertThat(npsFeedback(outcomes)).hasSize(1);
        assertThat(account.state.scorable()).isFalse();
    }

    @Test
    void ticketAloneDoesNotScoreTheAccount() {
        assertThat(account.apply(ticket("t-1").priority(Priority.URGENT).at(T0).build()))
                .isEmpty();
        assertThat(account.state.scorable()).isFalse();
    }

    @Test
    @DisplayName("the first subscription event scores what came before: an open normal ticket and NPS 9 give 57")
    void firstSubscriptionEventScoresTheAccountWithEarlierFacts() {
        account.apply(nps(9).at(T0).build());
        account.apply(ticket("t-1").priority(Priority.NORMAL).at(hour(1)).build());

        Outcome.HealthUpdate update = healthUpdate(account.apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .at(hour(2))
                .build()));

        // U 0, B 100 -> 30, S 90 -> 18, N 90 -> 9
        assertThat(update.assessment().score()).isEqualTo(57.0);
        assertThat(update.previousScore()).isNull();
    }

    @Test
    @DisplayName("the first usage event also scores the account: 10 logins, status unknown, give 4 + 30 + 20 + 7")
    void firstUsageEventScoresTheAccount() {
        Outcome.HealthUpdate update =
                healthUpdate(account.apply(usage().count(10).at(T0).build()));

        assertThat(update.assessment().score()).isEqualTo(61.0);
    }
}
