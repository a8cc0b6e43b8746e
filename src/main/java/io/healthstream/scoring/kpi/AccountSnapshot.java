package io.healthstream.scoring.kpi;

import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.TouchModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The few facts of an account's state that portfolio KPIs need, taken just before and just after
 * the engine applied an event. {@code currency}, {@code band} and {@code touch} are null until known;
 * {@code delinquent} is true once a past-due spell counts as churn; {@code cohort} (the month the account
 * first paid, null before) and {@code startingMrr} place it in its signup cohort; {@code segment} names the
 * segment whose model scores it (null where it does not matter), for the churn rate per segment.
 */
public record AccountSnapshot(
        String currency,
        BillingStatus billing,
        long mrr,
        Band band,
        boolean onboarded,
        boolean delinquent,
        TouchModel touch,
        Instant cohort,
        long startingMrr,
        String segment) {

    /** An account in good standing whose touch tier does not matter. */
    public AccountSnapshot(String currency, BillingStatus billing, long mrr, Band band, boolean onboarded) {
        this(currency, billing, mrr, band, onboarded, false, null, null, 0, null);
    }

    public static AccountSnapshot of(
            AccountState state, List<String> onboardingSteps, TouchModel touch, String segment) {
        return new AccountSnapshot(
                state.currency(),
                state.billing(),
                state.mrr(),
                state.lastBand(),
                state.onboardingSteps().containsAll(onboardingSteps),
                state.subscription().delinquent(),
                touch,
                state.subscription().firstPaidAt() == null
                        ? null
                        : CohortMrr.cohortOf(state.subscription().firstPaidAt()),
                state.subscription().startingMrr(),
                segment);
    }

    /**
     * A paying account: active, or past due for less than {@code billing.past-due.churn-after-days}.
     * Trials do not pay.
     */
    public boolean paying() {
        return billing == BillingStatus.ACTIVE || (billing == BillingStatus.PAST_DUE && !delinquent);
    }

    /** The MRR this account adds to the portfolio's paying MRR. */
    public long payingMrr() {
        return paying() ? mrr : 0;
    }

    /** What this account adds to the paying accounts per touch tier. */
    public TierCounts payingTiers() {
        return paying() ? TierCounts.one(touch) : TierCounts.ZERO;
    }

    /** What this account adds to the paying accounts per segment. */
    public Map<String, Long> payingSegments() {
        return paying() && segment != null ? Map.of(segment, 1L) : Map.of();
    }

    /** What this account's move from {@code before} adds to its signup cohort; zero outside any cohort. */
    public CohortMrr cohortChangeFrom(AccountSnapshot before) {
        if (cohort == null) {
            return CohortMrr.ZERO;
        }
        long joined = before.cohort == null ? startingMrr : 0;
        return new CohortMrr(
                joined,
                payingMrr() - before.payingMrr(),
                Math.min(payingMrr(), startingMrr) - Math.min(before.payingMrr(), startingMrr));
    }

    /** No longer paying because it stayed past due too long: involuntary churn. */
    public boolean churnedForNonPayment() {
        return billing == BillingStatus.PAST_DUE && delinquent;
    }
}
