package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.BillingStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeriodTallyTest {
    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");
    private static final PeriodTally EMPTY = PeriodTally.empty(KpiPeriod.MONTH.of(T0), "USD");

    private static AccountSnapshot state(BillingStatus billing, long mrr) {
        return new AccountSnapshot("USD", billing, mrr, null, false);
    }

    private static AccountTransition move(AccountSnapshot before, AccountSnapshot after, PeriodFacts facts) {
        return new AccountTransition(T0, before, after, facts);
    }

    @Test
    void accountThatStartsPayingIsNewWithItsMrr() {
        PeriodTally tally = EMPTY.plus(
                move(state(BillingStatus.TRIAL, 0), state(BillingStatus.ACTIVE, 9_900), PeriodFacts.billingOnly(null)));

        assertThat(tally.accountsNew()).isOne();
        assertThat(tally.mrrNew()).isEqualTo(9_900);
        assertThat(tally.trialsEnded()).isOne();
        assertThat(tally.trialsConverted()).isOne();
    }

    @Test
    void cancellationChurnsTheMrrTheAccountHadWithItsReason() {
        PeriodTally tally = EMPTY.plus(move(
                state(BillingStatus.ACTIVE, 9_900),
                state(BillingStatus.CANCELLED, 0),
                PeriodFacts.billingOnly("COMPETITOR")));

        assertThat(tally.accountsChurned()).isOne();
        assertThat(tally.mrrChurned()).isEqualTo(9_900);
        assertThat(tally.churnedByReason()).isEqualTo(Map.of("COMPETITOR", 1L));
        assertThat(tally.mrrMovements()).isEqualTo(-9_900);
        assertThat(tally.reconciles()).isTrue();
    }

    @Test
    void cancelledAccountThatPaysAgainIsReactivatedNotNew() {
        PeriodTally tally = EMPTY.plus(move(
                state(BillingStatus.CANCELLED, 0), state(BillingStatus.ACTIVE, 5_000), PeriodFacts.billingOnly(null)));

        assertThat(tally.accountsReactivated()).isOne();
        assertThat(tally.accountsNew()).isZero();
        assertThat(tally.mrrReactivation()).isEqualTo(5_000);
    }

    @Test
    void mrrChangesOfAPayingAccountAreExpansionOrContraction() {
        PeriodTally tally = EMPTY.plus(move(
                        state(BillingStatus.ACTIVE, 5_000),
                        state(BillingStatus.ACTIVE, 8_000),
                        PeriodFacts.billingOnly(null)))
                .plus(move(
                        state(BillingStatus.ACTIVE, 8_000),
                        state(BillingStatus.ACTIVE, 7_000),
                        PeriodFacts.billingOnly(null)));

        assertThat(tally.mrrExpansion()).isEqualTo(3_000);
        assertThat(tally.mrrContraction()).isEqualTo(1_000);
    }

    @Test
    void expiredTrialEndsWithoutConverting() {
        PeriodTally tally = EMPTY.plus(
                move(state(BillingStatus.TRIAL, 0), state(BillingStatus.CANCELLED, 0), PeriodFacts.billingOnly(null)));

        assertThat(tally.trialsEnded()).isOne();
        assertThat(tally.trialsConverted()).isZero();
        assertThat(tally.accountsChurned()).isZero();
    }

    @Test
    void activityFactsAddUpAsCounters() {
        AccountSnapshot active = state(BillingStatus.ACTIVE, 5_000);
        PeriodTally tally = EMPTY.plus(move(active, active, new PeriodFacts(null, 1, 1, 2, 0, 0, 1, 0, 0, 1, 0)))
                .plus(move(active, active, new PeriodFacts(null, 0, 1, 0, 4, 1, -1, 0, 1, 0, 1)));

        assertThat(tally.activeAccounts()).isOne();
        assertThat(tally.activeUsers()).isEqualTo(2);
        assertThat(tally.logins()).isEqualTo(2);
        assertThat(tally.invitesSent()).isEqualTo(4);
        assertThat(tally.invitesAccepted()).isOne();
        assertThat(tally.npsPromoters()).isZero();
        assertThat(tally.npsDetractors()).isOne();
        assertThat(tally.onboardingStarted()).isOne();
        assertThat(tally.onboardingCompleted()).isOne();
    }
}
