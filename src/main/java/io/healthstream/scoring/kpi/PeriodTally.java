package io.healthstream.scoring.kpi;

import io.healthstream.scoring.BillingStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything counted so far for one period and currency, from account transitions: counters only,
 * so its size does not grow with the portfolio (which accounts and users were active, and each
 * user's latest NPS answer, are remembered per account in {@link RecentActivity}). Levels at the
 * period start are not here: they are the sum of all earlier periods ({@link PortfolioFigures}).
 * {@code payingBySegment} is the change of paying accounts per segment and {@code churnedBySegment} the
 * accounts each segment lost, for the segments' churn rates ({@link SegmentChurnHistory}).
 */
public record PeriodTally(
        KpiPeriod.Period period,
        String currency,
        long accountsNew,
        long accountsChurned,
        long accountsReactivated,
        Map<String, Long> churnedByReason,
        long mrrNew,
        long mrrExpansion,
        long mrrContraction,
        long mrrChurned,
        long mrrReactivation,
        long accountsChurnedInvoluntary,
        long mrrChurnedInvoluntary,
        long mrrNet,
        TierCounts payingTiers,
        Map<Instant, CohortMrr> cohorts,
        long trialsEnded,
        long trialsConverted,
        long npsPromoters,
        long npsPassives,
        long npsDetractors,
        long onboardingStarted,
        long onboardingCompleted,
        long logins,
        long invitesSent,
        long invitesAccepted,
        long activeAccounts,
        long activeUsers,
        Map<String, Long> payingBySegment,
        Map<String, Long> churnedBySegment) {
    static final String UNKNOWN_REASON = "OTHER";
    /** The churn reason of an account past due for too long: involuntary churn. */
    public static final String DELINQUENT = "DELINQUENT";

    public PeriodTally {
        churnedByReason = Map.copyOf(churnedByReason);
        cohorts = Collections.unmodifiableMap(new TreeMap<>(cohorts));
        payingBySegment = Map.copyOf(payingBySegment);
        churnedBySegment = Map.copyOf(churnedBySegment);
    }

    /** Nothing counted yet. */
    public static PeriodTally empty(KpiPeriod.Period period, String currency) {
        return new PeriodTally(
                period,
                currency,
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                TierCounts.ZERO,
                Map.of(),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                Map.of(),
                Map.of());
    }

    /** Net change of paying accounts over the period. */
    public long accountsDelta() {
        return accountsNew + accountsReactivated - accountsChurned;
    }

    /** The five movements added up: new + expansion - contraction - churned + reactivation. */
    public long mrrMovements() {
        return mrrNew + mrrExpansion - mrrContraction - mrrChurned + mrrReactivation;
    }

    /** True when the movements explain the measured change of paying MRR exactly. */
    public boolean reconciles() {
        return mrrMovements() == mrrNet;
    }

    /** This tally with {@code transition} counted; the caller has checked that it has facts of this period. */
    public PeriodTally plus(AccountTransition transition) {
        BillingMove move = BillingMove.of(transition);
        PeriodFacts facts = transition.facts();
        Map<String, Long> reasons = new HashMap<>(churnedByReason);
        boolean involuntary = move.churned() > 0 && transition.after().churnedForNonPayment();
        if (move.churned() > 0) {
            String reason = involuntary
                    ? DELINQUENT
                    : facts.cancellationReason() == null ? UNKNOWN_REASON : facts.cancellationReason();
            reasons.merge(reason, 1L, Long::sum);
        }
        return new PeriodTally(
                period,
                currency,
                accountsNew + move.started(),
                accountsChurned + move.churned(),
                accountsReactivated + move.reactivated(),
                reasons,
                mrrNew + move.mrrNew(),
                mrrExpansion + move.mrrExpansion(),
                mrrContraction + move.mrrContraction(),
                mrrChurned + move.mrrChurned(),
                mrrReactivation + move.mrrReactivation(),
                accountsChurnedInvoluntary + (involuntary ? 1 : 0),
                mrrChurnedInvoluntary + (involuntary ? move.mrrChurned() : 0),
                mrrNet + transition.after().payingMrr() - transition.before().payingMrr(),
                payingTiers
                        .plus(transition.after().payingTiers())
                        .minus(transition.before().payingTiers()),
                CohortMrr.merge(cohorts, cohortChange(transition), period.start()),
                trialsEnded + move.trialsEnded(),
                trialsConverted + move.trialsConverted(),
                npsPromoters + facts.npsPromoters(),
                npsPassives + facts.npsPassives(),
                npsDetractors + facts.npsDetractors(),
                onboardingStarted + facts.onboardingStarted(),
                onboardingCompleted + facts.onboardingCompleted(),
                logins + facts.logins(),
                invitesSent + facts.invitesSent(),
                invitesAccepted + facts.invitesAccepted(),
                activeAccounts + facts.activeAccounts(),
                activeUsers + facts.activeUsers(),
                payingBySegmentAfter(transition),
                // A churned account is lost to the segment it paid in.
                move.churned() > 0
                        ? added(churnedBySegment, transition.before().payingSegments(), 1)
                        : churnedBySegment);
    }

    /** This tally and {@code other}, of the same period and currency, added up: tallies of several tasks combine. */
    public PeriodTally plus(PeriodTally other) {
        Map<String, Long> reasons = new HashMap<>(churnedByReason);
        other.churnedByReason.forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
        return new PeriodTally(
                period,
                currency,
                accountsNew + other.accountsNew,
                accountsChurned + other.accountsChurned,
                accountsReactivated + other.accountsReactivated,
                reasons,
                mrrNew + other.mrrNew,
                mrrExpansion + other.mrrExpansion,
                mrrContraction + other.mrrContraction,
                mrrChurned + other.mrrChurned,
                mrrReactivation + other.mrrReactivation,
                accountsChurnedInvoluntary + other.accountsChurnedInvoluntary,
                mrrChurnedInvoluntary + other.mrrChurnedInvoluntary,
                mrrNet + other.mrrNet,
                payingTiers.plus(other.payingTiers),
                CohortMrr.merge(cohorts, other.cohorts, period.start()),
                trialsEnded + other.trialsEnded,
                trialsConverted + other.trialsConverted,
                npsPromoters + other.npsPromoters,
                npsPassives + other.npsPassives,
                npsDetractors + other.npsDetractors,
                onboardingStarted + other.onboardingStarted,
                onboardingCompleted + other.onboardingCompleted,
                logins + other.logins,
                invitesSent + other.invitesSent,
                invitesAccepted + other.invitesAccepted,
                activeAccounts + other.activeAccounts,
                activeUsers + other.activeUsers,
                added(payingBySegment, other.payingBySegment, 1),
                added(churnedBySegment, other.churnedBySegment, 1));
    }

    /** Most transitions keep an account paying in its segment (or not paying): those change no count. */
    private Map<String, Long> payingBySegmentAfter(AccountTransition transition) {
        Map<String, Long> before = transition.before().payingSegments();
        Map<String, Long> after = transition.after().payingSegments();
        return before.equals(after) ? payingBySegment : added(added(payingBySegment, after, 1), before, -1);
    }

    /** {@code counts} plus {@code sign} x {@code change}, per segment; zero counts dropped. */
    private static Map<String, Long> added(Map<String, Long> counts, Map<String, Long> change, int sign) {
        if (change.isEmpty()) {
            return counts;
        }
        Map<String, Long> sum = new HashMap<>(counts);
        change.forEach((segment, delta) -> sum.merge(segment, sign * delta, Long::sum));
        sum.values().removeIf(count -> count == 0);
        return sum;
    }

    private static Map<Instant, CohortMrr> cohortChange(AccountTransition transition) {
        AccountSnapshot after = transition.after();
        CohortMrr change = after.cohortChangeFrom(transition.before());
        return change.isZero() ? Map.of() : Map.of(after.cohort(), change);
    }

    /** Moves between paying and not paying, and MRR changes while paying, read off the state before and after. */
    private record BillingMove(
            long started,
            long churned,
            long reactivated,
            long mrrNew,
            long mrrExpansion,
            long mrrContraction,
            long mrrChurned,
            long mrrReactivation,
            long trialsEnded,
            long trialsConverted) {
        static BillingMove of(AccountTransition t) {
            AccountSnapshot before = t.before();
            AccountSnapshot after = t.after();
            long trialEnded = before.billing() == BillingStatus.TRIAL && after.billing() != BillingStatus.TRIAL ? 1 : 0;
            long converted = trialEnded == 1 && after.paying() ? 1 : 0;
            if (!before.paying() && after.paying()) {
                return before.billing() == BillingStatus.CANCELLED || before.churnedForNonPayment()
                        ? new BillingMove(0, 0, 1, 0, 0, 0, 0, after.mrr(), trialEnded, converted)
                        : new BillingMove(1, 0, 0, after.mrr(), 0, 0, 0, 0, trialEnded, converted);
            }
            if (before.paying() && !after.paying()) {
                return new BillingMove(0, 1, 0, 0, 0, 0, before.mrr(), 0, trialEnded, converted);
            }
            long change = before.paying() ? after.mrr() - before.mrr() : 0;
            return new BillingMove(0, 0, 0, 0, Math.max(0, change), Math.max(0, -change), 0, 0, trialEnded, converted);
        }
    }
}
