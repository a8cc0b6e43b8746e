package io.healthstream.scoring.kpi;

import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.BillingStatus;
import java.util.List;

/**
 * The few facts of an account's state that portfolio KPIs need, taken just before and just after
 * the engine applied an event. {@code currency} and {@code band} are null until known.
 */
public record AccountSnapshot(String currency, BillingStatus billing, long mrr, Band band, boolean onboarded) {

    public static AccountSnapshot of(AccountState state, List<String> onboardingSteps) {
        return new AccountSnapshot(
                state.currency(),
                state.billing(),
                state.mrr(),
                state.lastBand(),
                state.onboardingSteps().containsAll(onboardingSteps));
    }

    /** A paying account: active, or past due but not (yet) cancelled. Trials do not pay. */
    public boolean paying() {
        return billing == BillingStatus.ACTIVE || billing == BillingStatus.PAST_DUE;
    }
}
