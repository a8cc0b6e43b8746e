package io.healthstream.scoring;

import static io.healthstream.scoring.AccountTimeline.alertTypes;
import static io.healthstream.scoring.AccountTimeline.healthUpdate;
import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.nps;
import static io.healthstream.testdata.Events.subscription;
import static io.healthstream.testdata.Events.ticket;
import static io.healthstream.testdata.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testdata.Models;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The worked example, end to end through the engine. */
@DisplayName("worked example: pro plan, expected 100, exports at impact 5")
class WorkedExampleTest {
    private static final ModelConfig CONFIG = Models.with(Map.of(
            "usage.expected.plan.pro", "100",
            "usage.impact.report_exported", "5"));

    private AccountTimeline account;

    private static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    @BeforeEach
    void healthyProAccount() {
        account = new AccountTimeline(CONFIG);
        account.apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        account.apply(usage().action("login").count(50).at(day(1)).build());
        account.apply(usage().action("report_exported").count(10).at(day(2)).build());
    }

    private HealthAssessment answeredNine() {
        return healthUpdate(account.apply(nps(9).at(day(3)).build())).assessment();
    }

    @Test
    @DisplayName("50 logins + 10 exports, active, no tickets, NPS 9: 40 + 30 + 20 + 9 = 99 GREEN")
    void healthyAccountScoresNinetyNineGreen() {
        HealthAssessment assessment = answeredNine();

        assertThat(assessment.components()).isEqualTo(new Components(100, 100, 100, 90));
        assertThat(assessment.score()).isEqualTo(99.0);
        assertThat(assessment.band()).isEqualTo(Band.GREEN);
    }

    @Test
    @DisplayName("an urgent ticket then costs 0.20 x 30: 93 GREEN")
    void urgentTicketLowersTheScoreToNinetyThree() {
        answeredNine();

        Outcome.HealthUpdate update = healthUpdate(account.apply(ticket("t-1")
                .priority(Priority.URGENT)
                .stage(TicketStage.OPENED)
                .at(day(4))
                .build()));

        assertThat(update.assessment().score()).isEqualTo(93.0);
        assertThat(update.assessment().components().support()).isEqualTo(70.0);
        assertThat(update.assessment().band()).isEqualTo(Band.GREEN);
        assertThat(update.previousScore()).isEqualTo(99.0);
        assertThat(update.assessment().drivers())
                .contains(new Driver("support", "1 open urgent ticket (-30): support 70", 14.0));
    }

    @Test
    @DisplayName("a failed payment then drops billing to 20: 69 YELLOW and a PAYMENT_FAILED alert")
    void failedPaymentDropsTheScoreToSixtyNineYellow() {
        answeredNine();
        account.apply(ticket("t-1").priority(Priority.URGENT).at(day(4)).build());

        List<Outcome> outcomes = account.apply(subscription(SubscriptionChange.PAYMENT_FAILED)
                .plan("pro")
                .at(day(5))
                .build());

        Outcome.HealthUpdate update = healthUpdate(outcomes);
        assertThat(update.assessment().score()).isEqualTo(69.0);
        assertThat(update.assessment().components()).isEqualTo(new Components(100, 20, 70, 90));
        assertThat(update.assessment().band()).isEqualTo(Band.YELLOW);
        assertThat(update.previousScore()).isEqualTo(93.0);
        assertThat(update.previousBand()).isEqualTo(Band.GREEN);
        assertThat(alertTypes(outcomes)).containsExactly(SignalType.PAYMENT_FAILED);
        // The drivers explain the score exactly: 40 + 14 + 9 + 6 = 69.
        assertThat(update.assessment().drivers())
                .containsExactly(
                        new Driver("usage", "usage value 100 of 100 expected for plan pro in 30 days: usage 100", 40.0),
                        new Driver("support", "1 open urgent ticket (-30): support 70", 14.0),
                        new Driver("nps", "mean NPS 9 from 1 user: nps 90", 9.0),
                        new Driver("billing", "billing past due: billing 20", 6.0));
    }
}
