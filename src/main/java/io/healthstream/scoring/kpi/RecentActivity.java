package io.healthstream.scoring.kpi;

import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.IdHash;
import io.healthstream.scoring.NpsAnswer;
import io.healthstream.scoring.NpsGroup;
import io.healthstream.scoring.OverrideCommand;
import io.healthstream.scoring.SubscriptionUpdate;
import io.healthstream.scoring.TicketUpdate;
import io.healthstream.scoring.UsageActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An account's memory for portfolio KPIs, kept with its state: its activity in the periods that may
 * still take events (an out-of-order event can land in the previous period until its grace ends).
 * Bounded by the account's users times two or three periods, so the per-period tallies can be plain
 * counters however many accounts there are.
 */
public record RecentActivity(List<PeriodActivity> periods) {
    public static final RecentActivity NONE = new RecentActivity(List.of());

    static final String ONBOARDING_ACTION = "onboarding_step_completed";
    static final String LOGIN = "login";
    static final String INVITE_SENT = "invite_sent";
    static final String INVITE_ACCEPTED = "invite_accepted";

    public RecentActivity {
        periods = List.copyOf(periods);
    }

    /** The period facts of {@code event} and the memory after it; no facts for events no period counts. */
    public record Counted(RecentActivity memory, PeriodFacts facts) {}

    /**
     * Counts {@code event}, applied by the engine at stream time {@code now}; {@code onboardedAfter} tells
     * whether the account had completed every onboarding step once it was applied. Periods whose grace has
     * passed by {@code now} are forgotten: the KPI processor treats whatever is sent for them after that as
     * late, since each transition carries this task's clock.
     */
    public Counted count(AccountEvent event, boolean onboardedAfter, KpiConfig config, Instant now) {
        if (event instanceof TicketUpdate || event instanceof OverrideCommand) {
            return new Counted(this, null);
        }
        if (event instanceof SubscriptionUpdate update) {
            return new Counted(forgetClosed(config, now), PeriodFacts.billingOnly(update.cancellationReason()));
        }
        KpiPeriod.Period period = config.period().of(event.occurredAt());
        PeriodActivity before = periods.stream()
                .filter(p -> p.period().equals(period))
                .findFirst()
                .orElse(PeriodActivity.none(period));
        Change change = event instanceof UsageActivity usage
                ? usage(before, usage, onboardedAfter)
                : nps(before, (NpsAnswer) event);
        List<PeriodActivity> kept = new ArrayList<>(periods);
        kept.remove(before);
        kept.add(change.after());
        return new Counted(new RecentActivity(kept).forgetClosed(config, now), change.facts());
    }

    private record Change(PeriodActivity after, PeriodFacts facts) {}

    private static Change usage(PeriodActivity before, UsageActivity usage, boolean onboardedAfter) {
        Set<Long> users = new HashSet<>(before.users());
        boolean newUser = users.add(IdHash.of(usage.userId()));
        long count = usage.count();
        // Steps only accumulate and arrive in order per account: onboarded after any step of the period = by its end.
        boolean onboardingStep = ONBOARDING_ACTION.equals(usage.action()) && usage.onboardingStep() != null;
        boolean started = before.onboardingStarted() || onboardingStep;
        boolean onboarded = before.onboarded() || (onboardingStep && onboardedAfter);
        PeriodFacts facts = new PeriodFacts(
                null,
                before.users().isEmpty() ? 1 : 0,
                newUser ? 1 : 0,
                LOGIN.equals(usage.action()) ? count : 0,
                INVITE_SENT.equals(usage.action()) ? count : 0,
                INVITE_ACCEPTED.equals(usage.action()) ? count : 0,
                0,
                0,
                0,
                started && !before.onboardingStarted() ? 1 : 0,
                onboarded && !before.onboarded() ? 1 : 0);
        return new Change(new PeriodActivity(before.period(), users, before.votes(), started, onboarded), facts);
    }

    /** Only a user's latest answer in the period counts, whatever the arrival order. */
    private static Change nps(PeriodActivity before, NpsAnswer answer) {
        long user = IdHash.of(answer.userId());
        NpsVote vote = new NpsVote(answer.score(), answer.occurredAt(), IdHash.of(answer.eventId()));
        NpsVote previous = before.votes().get(user);
        NpsVote latest = previous == null ? vote : NpsVote.latest(previous, vote);
        Map<NpsGroup, Long> moves = new HashMap<>();
        if (!latest.equals(previous)) {
            moves.merge(NpsGroup.of(latest.score()), 1L, Long::sum);
            if (previous != null) {
                moves.merge(NpsGroup.of(previous.score()), -1L, Long::sum);
            }
        }
        Map<Long, NpsVote> votes = new HashMap<>(before.votes());
        votes.put(user, latest);
        PeriodFacts facts = new PeriodFacts(
                null,
                0,
                0,
                0,
                0,
                0,
                moves.getOrDefault(NpsGroup.PROMOTER, 0L),
                moves.getOrDefault(NpsGroup.PASSIVE, 0L),
                moves.getOrDefault(NpsGroup.DETRACTOR, 0L),
                0,
                0);
        return new Change(
                new PeriodActivity(
                        before.period(), before.users(), votes, before.onboardingStarted(), before.onboarded()),
                facts);
    }

    private RecentActivity forgetClosed(KpiConfig config, Instant now) {
        return new RecentActivity(periods.stream()
                .filter(p -> now.isBefore(p.period().end().plus(config.grace())))
                .toList());
    }
}
