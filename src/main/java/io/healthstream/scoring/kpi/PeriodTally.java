package io.healthstream.scoring.kpi;

import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.NpsAnswer;
import io.healthstream.scoring.SubscriptionUpdate;
import io.healthstream.scoring.UsageActivity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything counted so far for one period and currency, from account transitions. Levels at the
 * period start are not here: they are the sum of all earlier periods ({@link PortfolioFigures}).
 * Users are identified as {@code <account>/<user>}, since user ids are only unique within an account.
 */
public record PeriodTally(KpiPeriod.Period period, String currency,
                          long accountsNew, long accountsChurned, long accountsReactivated,
                          Map<String, Long> churnedByReason,
                          long mrrNew, long mrrExpansion, long mrrContraction, long mrrChurned, long mrrReactivation,
                          long trialsEnded, long trialsConverted,
                          Map<String, NpsVote> latestNpsByUser, Map<String, Boolean> onboardedByAccount,
                          long logins, long invitesSent, long invitesAccepted,
                          Set<String> activeAccounts, Set<String> activeUsers) {
    static final String ONBOARDING_ACTION = "onboarding_step_completed";
    static final String LOGIN = "login";
    static final String INVITE_SENT = "invite_sent";
    static final String INVITE_ACCEPTED = "invite_accepted";
    static final String UNKNOWN_REASON = "OTHER";

    public PeriodTally {
        churnedByReason = Map.copyOf(churnedByReason);
        latestNpsByUser = Map.copyOf(latestNpsByUser);
        onboardedByAccount = Map.copyOf(onboardedByAccount);
        activeAccounts = Set.copyOf(activeAccounts);
        activeUsers = Set.copyOf(activeUsers);
    }

    /** Nothing counted yet. */
    public static PeriodTally empty(KpiPeriod.Period period, String currency) {
        return new PeriodTally(period, currency, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(),
                0, 0, 0, Set.of(), Set.of());
    }

    /** Net change of paying accounts over the period. */
    public long accountsDelta() {
        return accountsNew + accountsReactivated - accountsChurned;
    }

    /** Net change of MRR over the period: the identity mrr_end - mrr_start. */
    public long mrrDelta() {
        return mrrNew + mrrExpansion - mrrContraction - mrrChurned + mrrReactivation;
    }

    /** This tally with {@code transition} counted; the caller has checked that it falls in this period. */
    public PeriodTally plus(AccountTransition transition) {
        Counting counting = new Counting(this);
        counting.billing(transition);
        if (transition.event() instanceof UsageActivity usage) {
            counting.usage(transition, usage);
        } else if (transition.event() instanceof NpsAnswer answer) {
            counting.latestNpsByUser.merge(transition.accountId() + "/" + answer.userId(),
                    new NpsVote(answer.score(), answer.occurredAt(), answer.eventId()), NpsVote::latest);
        }
        return counting.build();
    }

    /** A mutable copy, so that one transition is counted without rebuilding the record field by field. */
    private static final class Counting {
        private final PeriodTally base;
        long accountsNew;
        long accountsChurned;
        long accountsReactivated;
        final Map<String, Long> churnedByReason;
        long mrrNew;
        long mrrExpansion;
        long mrrContraction;
        long mrrChurned;
        long mrrReactivation;
        long trialsEnded;
        long trialsConverted;
        final Map<String, NpsVote> latestNpsByUser;
        final Map<String, Boolean> onboardedByAccount;
        long logins;
        long invitesSent;
        long invitesAccepted;
        final Set<String> activeAccounts;
        final Set<String> activeUsers;

        Counting(PeriodTally t) {
            base = t;
            accountsNew = t.accountsNew;
            accountsChurned = t.accountsChurned;
            accountsReactivated = t.accountsReactivated;
            churnedByReason = new HashMap<>(t.churnedByReason);
            mrrNew = t.mrrNew;
            mrrExpansion = t.mrrExpansion;
            mrrContraction = t.mrrContraction;
            mrrChurned = t.mrrChurned;
            mrrReactivation = t.mrrReactivation;
            trialsEnded = t.trialsEnded;
            trialsConverted = t.trialsConverted;
            latestNpsByUser = new HashMap<>(t.latestNpsByUser);
            onboardedByAccount = new HashMap<>(t.onboardedByAccount);
            logins = t.logins;
            invitesSent = t.invitesSent;
            invitesAccepted = t.invitesAccepted;
            activeAccounts = new HashSet<>(t.activeAccounts);
            activeUsers = new HashSet<>(t.activeUsers);
        }

        /** Moves between paying and not paying, and MRR changes while paying, from the state before and after. */
        void billing(AccountTransition t) {
            AccountSnapshot before = t.before();
            AccountSnapshot after = t.after();
            if (!before.paying() && after.paying()) {
                if (before.billing() == BillingStatus.CANCELLED) {
                    accountsReactivated++;
                    mrrReactivation += after.mrr();
                } else {
                    accountsNew++;
                    mrrNew += after.mrr();
                }
            } else if (before.paying() && !after.paying()) {
                accountsChurned++;
                mrrChurned += before.mrr();
                String reason = t.event() instanceof SubscriptionUpdate update && update.cancellationReason() != null
                        ? update.cancellationReason() : UNKNOWN_REASON;
                churnedByReason.merge(reason, 1L, Long::sum);
            } else if (before.paying()) {
                long change = after.mrr() - before.mrr();
                mrrExpansion += Math.max(0, change);
                mrrContraction += Math.max(0, -change);
            }
            if (before.billing() == BillingStatus.TRIAL && after.billing() != BillingStatus.TRIAL) {
                trialsEnded++;
                trialsConverted += after.paying() ? 1 : 0;
            }
        }

        void usage(AccountTransition t, UsageActivity usage) {
            activeAccounts.add(t.accountId());
            activeUsers.add(t.accountId() + "/" + usage.userId());
            switch (usage.action()) {
                case LOGIN -> logins += usage.count();
                case INVITE_SENT -> invitesSent += usage.count();
                case INVITE_ACCEPTED -> invitesAccepted += usage.count();
                case ONBOARDING_ACTION -> {
                    if (usage.onboardingStep() != null) {
                        // Steps only accumulate and arrive in order per account: onboarded after any step of the period = by its end.
                        onboardedByAccount.merge(t.accountId(), t.after().onboarded(), Boolean::logicalOr);
                    }
                }
                default -> {
                    // other actions count towards activity only
                }
            }
        }

        PeriodTally build() {
            return new PeriodTally(base.period, base.currency, accountsNew, accountsChurned, accountsReactivated,
                    churnedByReason, mrrNew, mrrExpansion, mrrContraction, mrrChurned, mrrReactivation,
                    trialsEnded, trialsConverted, latestNpsByUser, onboardedByAccount, logins, invitesSent,
                    invitesAccepted, activeAccounts, activeUsers);
        }
    }
}
