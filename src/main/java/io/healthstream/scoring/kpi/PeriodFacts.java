package io.healthstream.scoring.kpi;

/**
 * What one applied event adds to the tally of its period beyond the billing move, already decided
 * against the account's own memory ({@link RecentActivity}): so the tally keeps counters, not sets of
 * accounts and users. The 0/1 fields are "first time in the period"; NPS fields are -1, 0 or +1, a
 * user's newer answer moving them from one group to another. {@code cancellationReason} may be null.
 */
public record PeriodFacts(
        String cancellationReason,
        long activeAccounts,
        long activeUsers,
        long logins,
        long invitesSent,
        long invitesAccepted,
        long npsPromoters,
        long npsPassives,
        long npsDetractors,
        long onboardingStarted,
        long onboardingCompleted) {
    /** True when no activity counter moves. */
    public boolean movesNoCounter() {
        return activeAccounts == 0
                && activeUsers == 0
                && logins == 0
                && invitesSent == 0
                && invitesAccepted == 0
                && npsPromoters == 0
                && npsPassives == 0
                && npsDetractors == 0
                && onboardingStarted == 0
                && onboardingCompleted == 0;
    }

    /** A fact of the period (a subscription event) that moves no activity counter. */
    public static PeriodFacts billingOnly(String cancellationReason) {
        return new PeriodFacts(cancellationReason, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
