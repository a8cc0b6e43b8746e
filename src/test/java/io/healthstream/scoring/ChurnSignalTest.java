package io.healthstream.scoring;

import static io.healthstream.scoring.AccountTimeline.alertTypes;
import static io.healthstream.scoring.AccountTimeline.alerts;
import static io.healthstream.scoring.AccountTimeline.healthUpdate;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Churn signals, each fired once per episode. */
class ChurnSignalTest {
    private final AccountTimeline account = AccountTimeline.withDefaults();

    private static Instant hour(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    private List<Outcome> started() {
        return account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
    }

    private List<Outcome> paymentFailed(Instant at) {
        return account.apply(
                subscription(SubscriptionChange.PAYMENT_FAILED).at(at).build());
    }

    private List<Outcome> paymentSucceeded(Instant at) {
        return account.apply(
                subscription(SubscriptionChange.PAYMENT_SUCCEEDED).at(at).build());
    }

    @Test
    @DisplayName("57 YELLOW -> PAYMENT_FAILED -> 33 RED raises RED_BAND_ENTERED")
    void enteringRedRaisesRedBandEntered() {
        started();

        List<Outcome> outcomes = paymentFailed(hour(1));

        assertThat(healthUpdate(outcomes).assessment().score()).isEqualTo(33.0);
        Outcome.ChurnAlert red = alerts(outcomes).stream()
                .filter(a -> a.type() == SignalType.RED_BAND_ENTERED)
                .findFirst()
                .orElseThrow();
        assertThat(red.reason()).isEqualTo("health score 33, was 57");
        assertThat(SignalType.RED_BAND_ENTERED.urgency()).isEqualTo(SignalType.Urgency.CRITICAL);
    }

    @Test
    void stayingInRedDoesNotRaiseRedBandEnteredAgain() {
        started();
        paymentFailed(hour(1));

        List<Outcome> outcomes = account.apply(
                ticket("t-1").priority(Priority.URGENT).at(hour(2)).build());

        assertThat(healthUpdate(outcomes).assessment().score()).isEqualTo(27.0);
        assertThat(alertTypes(outcomes)).isEmpty();
    }

    @Test
    void reEnteringRedAfterLeavingItRaisesRedBandEnteredAgain() {
        started();
        paymentFailed(hour(1));
        assertThat(healthUpdate(paymentSucceeded(hour(2))).assessment().band()).isEqualTo(Band.YELLOW);

        List<Outcome> outcomes = paymentFailed(hour(3));

        assertThat(alertTypes(outcomes))
                .containsExactlyInAnyOrder(SignalType.PAYMENT_FAILED, SignalType.RED_BAND_ENTERED);
    }

    @Test
    void paymentFailedFiresOnceUntilPaymentSucceeds() {
        started();
        assertThat(alertTypes(paymentFailed(hour(1)))).contains(SignalType.PAYMENT_FAILED);

        assertThat(alertTypes(paymentFailed(hour(2)))).doesNotContain(SignalType.PAYMENT_FAILED);
    }

    @Test
    void paymentFailedFiresAgainAfterPaymentSucceeded() {
        started();
        paymentFailed(hour(1));
        paymentSucceeded(hour(2));

        assertThat(alertTypes(paymentFailed(hour(3)))).contains(SignalType.PAYMENT_FAILED);
    }

    @Test
    void paymentFailedReasonStatesTheMrrAtRisk() {
        account.apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .mrr(0, 12_345)
                .at(T0)
                .build());

        Outcome.ChurnAlert alert =
                alerts(account.apply(subscription(SubscriptionChange.PAYMENT_FAILED)
                                .mrr(12_345)
                                .at(hour(1))
                                .build()))
                        .stream()
                        .filter(a -> a.type() == SignalType.PAYMENT_FAILED)
                        .findFirst()
                        .orElseThrow();

        assertThat(alert.reason()).isEqualTo("payment failed; 123.45 USD MRR at risk");
    }

    @Test
    void cancellationCarriesTheCancellationReason() {
        started();

        List<Outcome> outcomes = account.apply(subscription(SubscriptionChange.CANCELLED)
                .cancellationReason("COMPETITOR")
                .mrr(10_000, 0)
                .at(hour(1))
                .build());

        Outcome.ChurnAlert cancelled = alerts(outcomes).stream()
                .filter(a -> a.type() == SignalType.CANCELLED)
                .findFirst()
                .orElseThrow();
        assertThat(cancelled.cancellationReason()).isEqualTo("COMPETITOR");
        assertThat(cancelled.reason()).isEqualTo("cancelled (COMPETITOR); 100.00 USD MRR lost");
        assertThat(cancelled.recommendedAction()).contains("reason: COMPETITOR");
    }

    @Test
    void repeatedCancellationDoesNotFireAgain() {
        started();
        account.apply(subscription(SubscriptionChange.CANCELLED)
                .cancellationReason("PRICE")
                .at(hour(1))
                .build());

        List<Outcome> outcomes = account.apply(subscription(SubscriptionChange.CANCELLED)
                .cancellationReason("PRICE")
                .at(hour(2))
                .build());

        assertThat(alertTypes(outcomes)).doesNotContain(SignalType.CANCELLED);
    }

    @Test
    @DisplayName("a detractor answer raises NPS_DETRACTOR and a 24-hour follow-up")
    void detractorRaisesNpsDetractor() {
        started();

        List<Outcome> outcomes = account.apply(nps(4).user("u-7").at(hour(1)).build());

        assertThat(alertTypes(outcomes)).containsExactly(SignalType.NPS_DETRACTOR);
        assertThat(alerts(outcomes).get(0).reason()).isEqualTo("user u-7 answered NPS 4");
        Outcome.NpsFeedback feedback = npsFeedback(outcomes).get(0);
        assertThat(feedback.group()).isEqualTo(NpsGroup.DETRACTOR);
        assertThat(feedback.respondWithinHours()).isEqualTo(24);
    }

    @Test
    @DisplayName("a detractor on an account not scored yet still raises NPS_DETRACTOR, without a health update")
    void detractorOnUnscoredAccountStillRaisesTheSignal() {
        List<Outcome> outcomes = account.apply(nps(0).user("u-1").at(T0).build());

        assertThat(alertTypes(outcomes)).containsExactly(SignalType.NPS_DETRACTOR);
        assertThat(AccountTimeline.healthUpdates(outcomes)).isEmpty();
    }

    @Test
    void detractorFromAnotherUserRaisesItsOwnSignal() {
        started();
        account.apply(nps(4).user("u-1").at(hour(1)).build());

        assertThat(alertTypes(account.apply(nps(2).user("u-2").at(hour(2)).build())))
                .containsExactly(SignalType.NPS_DETRACTOR);
    }

    @Test
    @DisplayName("a user who stays a detractor is one episode: a second low answer raises no new signal")
    void sameUserStayingDetractorDoesNotFireAgain() {
        started();
        account.apply(nps(4).user("u-1").at(hour(1)).build());

        List<Outcome> outcomes = account.apply(nps(3).user("u-1").at(hour(2)).build());

        assertThat(alertTypes(outcomes)).doesNotContain(SignalType.NPS_DETRACTOR);
        assertThat(npsFeedback(outcomes)).hasSize(1);
    }

    @Test
    void passiveOrPromoterAnswerRaisesNoSignal() {
        started();

        assertThat(alertTypes(account.apply(nps(7).user("u-1").at(hour(1)).build())))
                .isEmpty();
        assertThat(alertTypes(account.apply(nps(10).user("u-2").at(hour(2)).build())))
                .isEmpty();
    }

    @ParameterizedTest(name = "100 logins, then {0} in the last 7 days: USAGE_DROP {1}")
    @DisplayName("USAGE_DROP fires when the last 7 days are below 50% of the 7 before")
    @CsvSource({"20, true", "49, true", "50, false", "80, false"})
    void usageDropComparesTheLastWeekWithTheWeekBefore(int lastWeekLogins, boolean fires) {
        started();
        account.apply(usage().count(100).at(day(1)).build());
        account.apply(usage().count(lastWeekLogins).at(day(7)).build());

        // at day 9: last week (day 2, day 9] holds the day-7 logins; the week before (day -5, day 2] the day-1 ones
        List<SignalType> types = alertTypes(account.tick(day(9)));

        if (fires) {
            assertThat(types).containsExactly(SignalType.USAGE_DROP);
        } else {
            assertThat(types).isEmpty();
        }
    }

    @Test
    void usageDropFiresOncePerEpisode() {
        started();
        account.apply(usage().count(100).at(day(1)).build());
        account.apply(usage().count(20).at(day(7)).build());
        account.tick(day(9));

        assertThat(alertTypes(account.tick(day(9).plus(Duration.ofHours(1))))).isEmpty();
    }

    @Test
    void usageDropReasonStatesTheNumbers() {
        started();
        account.apply(usage().count(100).at(day(1)).build());
        account.apply(usage().count(20).at(day(7)).build());

        Outcome.ChurnAlert alert = alerts(account.tick(day(9))).get(0);

        assertThat(alert.reason()).isEqualTo("usage value 20 in the last 7 days, down 80% from 100 the week before");
    }

    @Test
    void inactiveFiresAfterFourteenDaysWithoutUsage() {
        started();
        account.apply(usage().count(5).at(T0).build());

        assertThat(alertTypes(account.tick(day(13)))).doesNotContain(SignalType.INACTIVE);
        assertThat(alertTypes(account.tick(day(14)))).contains(SignalType.INACTIVE);
    }

    @Test
    void inactiveFiresOncePerEpisode() {
        started();
        account.apply(usage().count(5).at(T0).build());
        account.tick(day(14));

        assertThat(alertTypes(account.tick(day(15)))).doesNotContain(SignalType.INACTIVE);
        assertThat(alertTypes(account.tick(day(20)))).doesNotContain(SignalType.INACTIVE);
    }

    @Test
    void inactiveFiresAgainAfterUsageResumesAndStopsAgain() {
        started();
        account.apply(usage().count(5).at(T0).build());
        account.tick(day(14));
        account.apply(usage().count(5).at(day(15)).build());

        assertThat(alertTypes(account.tick(day(29)))).contains(SignalType.INACTIVE);
    }

    @Test
    void inactiveReasonCountsTheIdleDays() {
        started();
        account.apply(usage().count(5).at(T0).build());

        Outcome.ChurnAlert alert = alerts(account.tick(day(14))).stream()
                .filter(a -> a.type() == SignalType.INACTIVE)
                .findFirst()
                .orElseThrow();

        assertThat(alert.reason()).isEqualTo("no product usage for 14 days");
    }

    @Test
    void trialWithoutOnboardingProgressForSevenDaysIsStalled() {
        account.apply(subscription(SubscriptionChange.TRIAL_STARTED).at(T0).build());

        assertThat(alertTypes(account.tick(day(6)))).isEmpty();
        Outcome.ChurnAlert alert = alerts(account.tick(day(7))).get(0);
        assertThat(alert.type()).isEqualTo(SignalType.ONBOARDING_STALLED);
        assertThat(alert.recommendedAction()).startsWith("Help the trial past onboarding step 'signup'");
    }

    @Test
    void onboardingStalledFiresOncePerEpisode() {
        account.apply(subscription(SubscriptionChange.TRIAL_STARTED).at(T0).build());
        account.tick(day(7));

        assertThat(alertTypes(account.tick(day(8)))).doesNotContain(SignalType.ONBOARDING_STALLED);
    }

    @Test
    @DisplayName("after a new step the stall re-arms: 7 more idle days fire again, naming the next step")
    void onboardingStalledReArmsAfterProgress() {
        account.apply(subscription(SubscriptionChange.TRIAL_STARTED).at(T0).build());
        account.tick(day(7));
        account.apply(usage().onboardingStep("signup").at(day(8)).build());

        assertThat(alertTypes(account.tick(day(14)))).doesNotContain(SignalType.ONBOARDING_STALLED);
        Outcome.ChurnAlert alert = alerts(account.tick(day(15))).stream()
                .filter(a -> a.type() == SignalType.ONBOARDING_STALLED)
                .findFirst()
                .orElseThrow();
        assertThat(alert.reason()).endsWith("next step 'connect_api'");
    }

    @Test
    void payingAccountIsNeverOnboardingStalled() {
        started();

        assertThat(alertTypes(account.tick(day(8)))).doesNotContain(SignalType.ONBOARDING_STALLED);
    }

    @Test
    void trialThatCompletedEveryStepIsNotStalled() {
        account.apply(subscription(SubscriptionChange.TRIAL_STARTED).at(T0).build());
        account.apply(usage().onboardingStep("signup").at(hour(1)).build());
        account.apply(usage().onboardingStep("connect_api").at(hour(2)).build());
        account.apply(usage().onboardingStep("first_report").at(hour(3)).build());

        assertThat(alertTypes(account.tick(day(8)))).doesNotContain(SignalType.ONBOARDING_STALLED);
    }
}
