package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.NpsAnswer;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.SubscriptionUpdate;
import io.healthstream.scoring.UsageActivity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeriodTallyTest {
    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");
    private static final PeriodTally EMPTY = PeriodTally.empty(KpiPeriod.MONTH.of(T0), "USD");

    private static AccountSnapshot state(BillingStatus billing, long mrr) {
        return new AccountSnapshot("USD", billing, mrr, null, false);
    }

    private static AccountTransition move(AccountSnapshot before, AccountSnapshot after, AccountEvent event) {
        return new AccountTransition("acc-1", T0, before, after, event);
    }

    private static SubscriptionUpdate subscription(SubscriptionChange change, String reason) {
        return new SubscriptionUpdate("s-1", T0, change, "pro", 1, 0, 0, "USD", null, reason);
    }

    @Test
    void accountThatStartsPayingIsNewWithItsMrr() {
        PeriodTally tally = EMPTY.plus(move(state(BillingStatus.TRIAL, 0), state(BillingStatus.ACTIVE, 9_900),
                subscription(SubscriptionChange.TRIAL_CONVERTED, null)));

        assertThat(tally.accountsNew()).isOne();
        assertThat(tally.mrrNew()).isEqualTo(9_900);
        assertThat(tally.trialsEnded()).isOne();
        assertThat(tally.trialsConverted()).isOne();
    }

    @Test
    void cancellationChurnsTheMrrTheAccountHadWithItsReason() {
        PeriodTally tally = EMPTY.plus(move(state(BillingStatus.ACTIVE, 9_900), state(BillingStatus.CANCELLED, 0),
                subscription(SubscriptionChange.CANCELLED, "COMPETITOR")));

        assertThat(tally.accountsChurned()).isOne();
        assertThat(tally.mrrChurned()).isEqualTo(9_900);
        assertThat(tally.churnedByReason()).isEqualTo(Map.of("COMPETITOR", 1L));
        assertThat(tally.mrrDelta()).isEqualTo(-9_900);
    }

    @Test
    void cancelledAccountThatPaysAgainIsReactivatedNotNew() {
        PeriodTally tally = EMPTY.plus(move(state(BillingStatus.CANCELLED, 0), state(BillingStatus.ACTIVE, 5_000),
                subscription(SubscriptionChange.REACTIVATED, null)));

        assertThat(tally.accountsReactivated()).isOne();
        assertThat(tally.accountsNew()).isZero();
        assertThat(tally.mrrReactivation()).isEqualTo(5_000);
    }

    @Test
    void mrrChangesOfAPayingAccountAreExpansionOrContraction() {
        PeriodTally tally = EMPTY
                .plus(move(state(BillingStatus.ACTIVE, 5_000), state(BillingStatus.ACTIVE, 8_000),
                        subscription(SubscriptionChange.SEATS_ADDED, null)))
                .plus(move(state(BillingStatus.ACTIVE, 8_000), state(BillingStatus.ACTIVE, 7_000),
                        subscription(SubscriptionChange.ADDON_REMOVED, null)));

        assertThat(tally.mrrExpansion()).isEqualTo(3_000);
        assertThat(tally.mrrContraction()).isEqualTo(1_000);
    }

    @Test
    void expiredTrialEndsWithoutConverting() {
        PeriodTally tally = EMPTY.plus(move(state(BillingStatus.TRIAL, 0), state(BillingStatus.CANCELLED, 0),
                subscription(SubscriptionChange.TRIAL_EXPIRED, null)));

        assertThat(tally.trialsEnded()).isOne();
        assertThat(tally.trialsConverted()).isZero();
        assertThat(tally.accountsChurned()).isZero();
    }

    @Test
    void onlyTheLatestNpsAnswerOfAUserCountsWhateverTheArrivalOrder() {
        AccountSnapshot active = state(BillingStatus.ACTIVE, 5_000);
        PeriodTally tally = EMPTY
                .plus(move(active, active, new NpsAnswer("n-2", T0.plusSeconds(60), "u-1", 3)))
                .plus(move(active, active, new NpsAnswer("n-1", T0, "u-1", 10)));

        assertThat(tally.latestNpsByUser()).containsOnlyKeys("acc-1/u-1");
        assertThat(tally.latestNpsByUser().get("acc-1/u-1").score()).isEqualTo(3);
    }

    @Test
    void usageCountsLoginsInvitesActiveUsersAndOnboarding() {
        AccountSnapshot active = state(BillingStatus.ACTIVE, 5_000);
        AccountSnapshot onboarded = new AccountSnapshot("USD", BillingStatus.ACTIVE, 5_000, null, true);
        PeriodTally tally = EMPTY
                .plus(move(active, active, new UsageActivity("u-1", T0, "ann", "login", 2, null)))
                .plus(move(active, active, new UsageActivity("u-2", T0, "bob", "invite_sent", 4, null)))
                .plus(move(active, active, new UsageActivity("u-3", T0, "bob", "invite_accepted", 1, null)))
                .plus(move(active, onboarded, new UsageActivity("u-4", T0, "ann", "onboarding_step_completed", 1,
                        "first_report")));

        assertThat(tally.logins()).isEqualTo(2);
        assertThat(tally.invitesSent()).isEqualTo(4);
        assertThat(tally.invitesAccepted()).isOne();
        assertThat(tally.activeAccounts()).containsExactly("acc-1");
        assertThat(tally.activeUsers()).containsExactlyInAnyOrder("acc-1/ann", "acc-1/bob");
        assertThat(tally.onboardedByAccount()).isEqualTo(Map.of("acc-1", true));
    }
}
