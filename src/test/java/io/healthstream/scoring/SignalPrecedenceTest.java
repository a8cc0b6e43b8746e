package io.healthstream.scoring;

import static io.healthstream.scoring.AccountTimeline.alertTypes;
import static io.healthstream.scoring.AccountTimeline.npsFeedback;
import static io.healthstream.scoring.AccountTimeline.opportunityTypes;
import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.nps;
import static io.healthstream.testdata.Events.subscription;
import static io.healthstream.testdata.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testdata.Models;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The precedence rules between signals (README, "Signal precedence"), one per test. */
class SignalPrecedenceTest {
    private static final ModelConfig CONFIG = Models.with(Map.of("usage.expected.plan.pro", "100"));

    private final AccountTimeline account = new AccountTimeline(CONFIG);
    private final List<Outcome> seen = new ArrayList<>();

    private static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    private List<Outcome> apply(AccountEvent event) {
        List<Outcome> outcomes = account.apply(event);
        seen.addAll(outcomes);
        return outcomes;
    }

    @Test
    @DisplayName("risk before expansion: while a usage drop holds, entering THRIVING raises no opportunity")
    void usageDropHoldsThrivingBack() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        apply(usage().count(200).at(day(1)).build());
        seen.addAll(account.tick(day(9))); // the big week is now the week before: USAGE_DROP
        assertThat(alertTypes(seen)).contains(SignalType.USAGE_DROP);
        seen.clear();

        // 60 more logins keep the 30-day usage above plan (THRIVING) but not last week's usage above half.
        apply(usage().count(60).at(day(9).plusSeconds(3600)).build());

        assertThat(opportunityTypes(seen))
                .doesNotContain(OpportunityType.THRIVING_ENTERED, OpportunityType.USAGE_ABOVE_PLAN);
    }

    @Test
    @DisplayName("no expansion opportunity within a day of a usage drop, even once the drop has ended")
    void noExpansionOnTheDayOfARiskSignal() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        apply(usage().count(200).at(day(1)).build());
        seen.addAll(account.tick(day(8))); // the drop is signalled at day 8, when the big day turns a week old
        assertThat(alertTypes(seen)).contains(SignalType.USAGE_DROP);
        seen.clear();

        // The drop ends with heavy use two hours later: THRIVING, but within 24 hours of the drop signal.
        apply(usage().count(500).at(day(8).plusSeconds(7200)).build());
        assertThat(opportunityTypes(seen)).isEmpty();

        List<Outcome> nextDay = account.tick(day(9).plusSeconds(60));
        assertThat(AccountTimeline.opportunities(nextDay))
                .extracting(Outcome.Opportunity::type)
                .contains(OpportunityType.THRIVING_ENTERED);
    }

    @Test
    @DisplayName("usage above plan is an opportunity only for an active paying account: not a trial, not past due")
    void usageAbovePlanNeedsAnActiveAccount() {
        apply(subscription(SubscriptionChange.TRIAL_STARTED)
                .plan("pro")
                .mrr(0, 0)
                .at(T0)
                .build());
        apply(usage().count(150).at(day(1)).build());
        assertThat(opportunityTypes(seen)).doesNotContain(OpportunityType.USAGE_ABOVE_PLAN);

        apply(subscription(SubscriptionChange.PAYMENT_FAILED)
                .plan("pro")
                .mrr(0, 9_900)
                .at(day(3))
                .build());
        apply(usage().count(50).at(day(4)).build());
        assertThat(opportunityTypes(seen)).doesNotContain(OpportunityType.USAGE_ABOVE_PLAN);

        apply(subscription(SubscriptionChange.PAYMENT_SUCCEEDED)
                .plan("pro")
                .mrr(9_900, 9_900)
                .at(day(5))
                .build());
        assertThat(opportunityTypes(seen)).contains(OpportunityType.USAGE_ABOVE_PLAN);
    }

    @Test
    @DisplayName("a trial's onboarding steps ending is no usage drop: steps are milestones, not habits")
    void onboardingStepsDoNotMakeAUsageTrend() {
        apply(subscription(SubscriptionChange.TRIAL_STARTED)
                .plan("pro")
                .mrr(0, 0)
                .at(T0)
                .build());
        apply(usage().action("onboarding_step_completed")
                .onboardingStep("signup")
                .at(day(1))
                .build());
        apply(usage().action("onboarding_step_completed")
                .onboardingStep("connect_api")
                .at(day(2))
                .build());
        apply(usage().action("onboarding_step_completed")
                .onboardingStep("first_report")
                .at(day(3))
                .build());

        seen.addAll(account.tick(day(16)));

        assertThat(alertTypes(seen)).doesNotContain(SignalType.USAGE_DROP);
    }

    @Test
    @DisplayName("an NPS answer older than the same user's applied answer gets no follow-up")
    void supersededNpsAnswerGetsNoFollowUp() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        apply(nps(9).user("ann").at(day(10)).build());

        List<Outcome> older = apply(nps(2).user("ann").at(day(3)).build());

        assertThat(npsFeedback(older)).isEmpty();
        assertThat(alertTypes(older)).doesNotContain(SignalType.NPS_DETRACTOR);
    }

    @Test
    @DisplayName("a cancelled high-value account keeps its tier: the win-back is a CSM call, not an automated e-mail")
    void touchTierFollowsTheLastPaidMrr() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .mrr(0, 60_000)
                .at(T0)
                .build());

        List<Outcome> cancelled = apply(subscription(SubscriptionChange.CANCELLED)
                .plan("pro")
                .mrr(60_000, 0)
                .cancellationReason("PRICE")
                .at(day(1))
                .build());

        assertThat(AccountTimeline.alerts(cancelled))
                .filteredOn(a -> a.type() == SignalType.CANCELLED)
                .singleElement()
                .satisfies(a -> assertThat(a.recommendedAction()).endsWith("by a CSM call or 1:1 session"));
        assertThat(AccountTimeline.healthUpdate(cancelled).assessment().touch()).isEqualTo(TouchModel.HIGH_TOUCH);

        List<Outcome> back = apply(subscription(SubscriptionChange.REACTIVATED)
                .plan("starter")
                .mrr(0, 2_000)
                .at(day(2))
                .build());
        assertThat(AccountTimeline.healthUpdate(back).assessment().touch()).isEqualTo(TouchModel.LOW_TOUCH);
    }
}
