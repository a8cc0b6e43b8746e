package io.healthstream.scoring.kpi;

import java.util.Map;
import java.util.Set;

/**
 * One account's activity in one period that may still take events: which of its users were active and
 * each user's latest NPS answer (users by the 64-bit hash of their id), and whether it started and completed onboarding. The account was
 * active in the period when {@code users} is not empty.
 */
public record PeriodActivity(
        KpiPeriod.Period period,
        Set<Long> users,
        Map<Long, NpsVote> votes,
        boolean onboardingStarted,
        boolean onboarded) {
    public PeriodActivity {
        users = Set.copyOf(users);
        votes = Map.copyOf(votes);
    }

    static PeriodActivity none(KpiPeriod.Period period) {
        return new PeriodActivity(period, Set.of(), Map.of(), false, false);
    }
}
