package io.healthstream.scoring.intake;

import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.CsmOverride;
import io.healthstream.scoring.HealthEngine;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.Segment;
import io.healthstream.scoring.SegmentedEngine;
import io.healthstream.scoring.Segments;
import io.healthstream.scoring.SubscriptionUpdate;
import io.healthstream.scoring.TouchModel;
import io.healthstream.scoring.kpi.AccountSnapshot;
import io.healthstream.scoring.kpi.AccountTransition;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.PeriodFacts;
import io.healthstream.scoring.kpi.PeriodTally;
import io.healthstream.scoring.kpi.RecentActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes one account's events, and the passing of time, into its memory: drops duplicates and late
 * events, re-evaluates the account at the moments time alone changes it, applies the health model and
 * works out the account's contributions to portfolio KPIs. Everything depends on the account's own
 * events only, never on other accounts or on when the engine happens to run, so the same events give
 * the same decisions live, in a replay and after a restart.
 *
 * <p>{@code kpiClock} is the event time the caller's KPI feed has reached (a task's stream time): a KPI
 * period closes once that is past its end plus the grace, and what arrives for it afterwards is not sent.
 */
public final class AccountIntake {
    private final Segments segments;
    private final SegmentedEngine engine;
    private final KpiConfig kpiConfig;
    private final EventHorizons horizons;

    public AccountIntake(ModelConfig model, KpiConfig kpiConfig) {
        this(Segments.none(model), kpiConfig);
    }

    /** Scores each account with the model of its segment. */
    public AccountIntake(Segments segments, KpiConfig kpiConfig) {
        this(segments, kpiConfig, CsmOverride.DEFAULT_MAX_DURATION);
    }

    /** Scores each account with the model of its segment; CSM overrides last at most {@code maxOverride}. */
    public AccountIntake(Segments segments, KpiConfig kpiConfig, Duration maxOverride) {
        this.segments = segments;
        this.engine = new SegmentedEngine(segments);
        this.kpiConfig = kpiConfig;
        this.horizons = new EventHorizons(segments, kpiConfig, maxOverride);
    }

    public EventHorizons horizons() {
        return horizons;
    }

    /**
     * Applies {@code event}: first the re-evaluations due before it (from {@code dueHint} when the caller
     * knows the account's next due time, else from its last evaluation), then the event at the account's
     * own time.
     */
    public Step onEvent(AccountMemory memory, AccountEvent event, Instant kpiClock, Instant dueHint) {
        Instant at = event.occurredAt();
        if (memory.lastEventAt() != null && !at.isAfter(memory.lastEventAt().minus(horizons.of(event.source())))) {
            return unchanged(memory, Step.Disposition.LATE, dueHint);
        }
        if (memory.seen().contains(event.source(), event.eventId())) {
            return unchanged(memory, Step.Disposition.DUPLICATE, dueHint);
        }
        Progress progress = new Progress(memory, kpiClock);
        progress.catchUp(dueHint, at);
        AccountMemory current = progress.memory;
        Instant now = current.evaluatedAt() == null || at.isAfter(current.evaluatedAt()) ? at : current.evaluatedAt();
        HealthEngine.Result result = engine.apply(current.health(), event, now);
        RecentActivity.Counted counted = current.kpis().count(event, onboarded(result.state()), kpiConfig, kpiClock);
        KpiPeriod.Period period = kpiConfig.period().of(at);
        boolean periodOpen = kpiClock.isBefore(period.end().plus(kpiConfig.grace()));
        AccountTransition transition =
                transition(current.health(), result.state(), event, counted.facts(), periodOpen, kpiClock);
        boolean changesKpis = transition.movesBands()
                || (transition.hasPeriodFacts()
                        && (!transition.facts().movesNoCounter()
                                || !transition.before().equals(transition.after())));
        if (result.late() && !changesKpis) {
            return progress.finish(Step.Disposition.LATE, false);
        }
        Instant lastEventAt =
                current.lastEventAt() == null || at.isAfter(current.lastEventAt()) ? at : current.lastEventAt();
        progress.memory = new AccountMemory(
                result.state(),
                counted.memory(),
                current.seen().with(event.source(), event.eventId(), at).expire(horizons, lastEventAt),
                lastEventAt,
                now);
        progress.changed = true;
        result.outcomes().forEach(outcome -> progress.decide(now, event, outcome));
        if (changesKpis) {
            progress.kpis.add(transition);
        }
        // An event applied late, at or after the moment its past-due spell turns into churn.
        progress.settleDelinquency(now);
        // Activity of a closed period is not sent; a billing move is, booked later (see transition).
        return progress.finish(
                Step.Disposition.APPLIED,
                !periodOpen && counted.facts() != null && !(event instanceof SubscriptionUpdate));
    }

    /**
     * Runs the time-based re-evaluations due from {@code due} (the account's known next due time) up to, not
     * including, {@code until}; {@code kpiClock} as for {@link #onEvent}.
     */
    public Step onTime(AccountMemory memory, Instant due, Instant until, Instant kpiClock) {
        Progress progress = new Progress(memory, kpiClock);
        progress.catchUp(due, until);
        return progress.finish(Step.Disposition.TIME, false);
    }

    /** The first moment after the account's last evaluation at which time alone changes it. */
    public Optional<Instant> nextDue(AccountMemory memory) {
        return memory.evaluatedAt() == null ? Optional.empty() : nextMoment(memory.health(), memory.evaluatedAt());
    }

    /** The first moment after {@code after} at which time changes the account's score, signals or KPIs. */
    private Optional<Instant> nextMoment(AccountState state, Instant after) {
        Optional<Instant> scoring = engine.nextChange(state, after);
        Optional<Instant> churn = delinquentFrom(state).filter(at -> at.isAfter(after));
        if (churn.isEmpty()) {
            return scoring;
        }
        return scoring.isPresent() && scoring.get().isBefore(churn.get()) ? scoring : churn;
    }

    /** When the account's past-due spell turns into involuntary churn, unless it already has or there is none. */
    private Optional<Instant> delinquentFrom(AccountState state) {
        AccountState.Subscription subscription = state.subscription();
        if (subscription.billing() != BillingStatus.PAST_DUE
                || subscription.delinquent()
                || subscription.pastDueSince() == null) {
            return Optional.empty();
        }
        return Optional.of(subscription.pastDueSince().plus(kpiConfig.pastDueChurnAfter()));
    }

    private AccountSnapshot snapshot(AccountState state) {
        Segment segment = segments.of(state);
        TouchModel touch =
                TouchModel.of(state.subscription().tierMrr(), segment.model().touch());
        return AccountSnapshot.of(state, kpiConfig.onboardingSteps(), touch, segment.name());
    }

    /** Where a KPI move at {@code at} is booked: its own period while that is open, else the one open at {@code kpiClock}. */
    private Instant bookedAt(Instant at, Instant kpiClock) {
        boolean open = kpiClock.isBefore(kpiConfig.period().of(at).end().plus(kpiConfig.grace()));
        return open ? at : kpiClock;
    }

    private boolean onboarded(AccountState state) {
        return state.onboardingSteps().containsAll(kpiConfig.onboardingSteps());
    }

    /**
     * The event's contribution to KPIs. Activity in a period that has closed is no longer sent; a billing
     * move always is, booked in the period open at {@code kpiClock}, so the portfolio's MRR stays true.
     */
    private AccountTransition transition(
            AccountState before,
            AccountState after,
            AccountEvent event,
            PeriodFacts facts,
            boolean periodOpen,
            Instant kpiClock) {
        AccountSnapshot from = snapshot(before);
        AccountSnapshot to = snapshot(after);
        if (periodOpen) {
            return new AccountTransition(event.occurredAt(), from, to, facts);
        }
        PeriodFacts billing = event instanceof SubscriptionUpdate update
                ? PeriodFacts.billingOnly(update.cancellationReason())
                : null;
        return new AccountTransition(kpiClock, from, to, billing);
    }

    private Step unchanged(AccountMemory memory, Step.Disposition disposition, Instant dueHint) {
        return new Step(
                memory,
                disposition,
                List.of(),
                List.of(),
                false,
                dueHint != null ? Optional.of(dueHint) : nextDue(memory),
                false);
    }

    /** An account on its way through one step. */
    private final class Progress {
        private AccountMemory memory;
        private final Instant kpiClock;
        private final List<Decision> decisions = new ArrayList<>();
        private final List<AccountTransition> kpis = new ArrayList<>();
        private boolean changed;
        /** The next due time, past re-evaluations that changed nothing (those need not be stored or repeated). */
        private Optional<Instant> cursor = Optional.empty();

        Progress(AccountMemory memory, Instant kpiClock) {
            this.memory = memory;
            this.kpiClock = kpiClock;
        }

        /** Re-evaluates the account at each moment time changes it, from {@code due} (or its last evaluation) until {@code limit}. */
        void catchUp(Instant due, Instant limit) {
            cursor = due != null ? Optional.of(due) : nextDue(memory);
            while (cursor.isPresent() && cursor.get().isBefore(limit)) {
                Instant at = cursor.get();
                settleDelinquency(at);
                AccountState before = memory.health();
                HealthEngine.Result result = engine.tick(before, at);
                if (!result.outcomes().isEmpty() || !result.state().equals(before)) {
                    memory = new AccountMemory(result.state(), memory.kpis(), memory.seen(), memory.lastEventAt(), at);
                    changed = true;
                    AccountSnapshot after = snapshot(result.state());
                    result.outcomes().forEach(outcome -> decisions.add(new Decision(at, null, null, outcome, after)));
                    AccountTransition moved = new AccountTransition(at, snapshot(before), after, null);
                    if (moved.movesBands()) {
                        kpis.add(moved);
                    }
                }
                cursor = nextMoment(memory.health(), at);
            }
        }

        /**
         * Counts the account as churned (involuntary, reason DELINQUENT) once its past-due spell has lasted
         * {@code billing.past-due.churn-after-days} by {@code at}: a KPI move only, the health model is unchanged.
         */
        void settleDelinquency(Instant at) {
            Optional<Instant> from = delinquentFrom(memory.health());
            if (from.isEmpty() || from.get().isAfter(at)) {
                return;
            }
            AccountState before = memory.health();
            AccountState after = before.toBuilder()
                    .subscription(before.subscription().asDelinquent())
                    .build();
            Instant evaluatedAt =
                    memory.evaluatedAt() == null || at.isAfter(memory.evaluatedAt()) ? at : memory.evaluatedAt();
            memory = new AccountMemory(after, memory.kpis(), memory.seen(), memory.lastEventAt(), evaluatedAt);
            changed = true;
            kpis.add(new AccountTransition(
                    bookedAt(at, kpiClock),
                    snapshot(before),
                    snapshot(after),
                    PeriodFacts.billingOnly(PeriodTally.DELINQUENT)));
        }

        void decide(Instant asOf, AccountEvent event, Outcome outcome) {
            decisions.add(new Decision(asOf, event.source(), event.eventId(), outcome, snapshot(memory.health())));
        }

        Step finish(Step.Disposition disposition, boolean kpiLate) {
            Optional<Instant> nextDue = disposition == Step.Disposition.APPLIED ? nextDue(memory) : cursor;
            return new Step(memory, disposition, decisions, kpis, changed, nextDue, kpiLate);
        }
    }
}
