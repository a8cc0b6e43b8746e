package io.healthstream.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Applies one account's events to its state and decides what they call for: health updates, churn
 * signals (once per episode), contraction alerts, NPS follow-ups and expansion opportunities. Pure:
 * no I/O, time is always passed in, every call returns a new state.
 *
 * <p>Precedence between rules (README, "Signal precedence"): risk before expansion, expansion only in
 * good standing, onboarding steps are not a usage trend, and only a user's latest NPS answer calls for
 * a follow-up.
 *
 * <p>A CSM override is shown beside the score and never changes it: the score, band and rules go on as
 * computed; setting, lifting or the end of an override publishes the account at once, and churn signals
 * raised while one holds are marked.
 */
public final class HealthEngine {
    static final String ONBOARDING_ACTION = "onboarding_step_completed";
    /** After a risk signal, how long no expansion opportunity is raised, so the two never meet on one day. */
    static final Duration RISK_QUIET_PERIOD = Duration.ofHours(24);

    private final String segment;
    private final ModelConfig config;
    private final HealthScorer scorer;
    private static final long DROP_PERIOD_MILLIS = ModelConfig.SignalRules.USAGE_DROP_PERIOD.toMillis();

    /** How far back a usage event can still matter: the score window or the usage-drop comparison. */
    private final Duration usageHorizon;
    // The model's windows in millis: Duration arithmetic goes through BigDecimal, too slow for every re-evaluation.
    private final long windowMillis;
    private final long npsWindowMillis;
    private final long inactivityMillis;
    private final long stallMillis;

    /** The engine of one model, the one of no particular segment. */
    public HealthEngine(ModelConfig config) {
        this(Segments.DEFAULT, config);
    }

    /** The engine of the model of {@code segment}, whose name its health updates carry. */
    public HealthEngine(String segment, ModelConfig config) {
        this.segment = segment;
        this.config = config;
        this.scorer = new HealthScorer(config);
        Duration dropHorizon = ModelConfig.SignalRules.usageTrendReach();
        this.usageHorizon = config.usage().window().compareTo(dropHorizon) > 0
                ? config.usage().window()
                : dropHorizon;
        this.windowMillis = config.usage().window().toMillis();
        this.npsWindowMillis = config.nps().window().toMillis();
        this.inactivityMillis = config.signals().inactivity().toMillis();
        this.stallMillis = config.signals().onboardingStalled().toMillis();
    }

    public ModelConfig config() {
        return config;
    }

    /** What an event or the passing of time did: {@code late} when the event changed nothing. */
    public record Result(AccountState state, boolean late, List<Outcome> outcomes) {
        public Result {
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * Applies {@code event} at {@code now}, the account's own time (never before the event): what the
     * account has seen so far, so the result depends on nothing but the account's events.
     */
    public Result apply(AccountState state, AccountEvent event, Instant now) {
        AccountState.Builder next = state.toBuilder();
        Changes pending = new Changes();
        boolean applied;
        if (event instanceof SubscriptionUpdate update) {
            applied = applySubscription(next, update, now, pending);
        } else if (event instanceof UsageActivity activity) {
            applied = applyUsage(next, activity, now);
        } else if (event instanceof NpsAnswer answer) {
            applied = applyNps(next, answer, now, pending);
        } else if (event instanceof OverrideCommand command) {
            applied = applyOverride(next, command, now, pending);
        } else {
            applied = applyTicket(next, (TicketUpdate) event);
        }
        if (!applied) {
            return new Result(state, true, List.of());
        }
        AccountState.Activity activity = next.activity();
        // A CSM's command is no sign of the customer: it starts no clock of the account's activity.
        boolean customerEvent = !(event instanceof OverrideCommand);
        if (customerEvent
                && (activity.firstSeenAt() == null || event.occurredAt().isBefore(activity.firstSeenAt()))) {
            next.activity(new AccountState.Activity(
                    event.occurredAt(),
                    activity.lastUsageAt(),
                    activity.onboardingProgressAt(),
                    activity.onboardingSteps(),
                    activity.scorable()));
        }
        prune(next, now);
        return reassess(next, now, pending);
    }

    /** Re-evaluates an account as time passes with no event: decay, windows, time-based signals. */
    public Result tick(AccountState state, Instant now) {
        return reassess(state.toBuilder(), now, new Changes());
    }

    /**
     * The first moment after {@code after} at which the passing of time alone can change this account's
     * score or signals: a usage event leaving a window, an NPS answer or contraction expiring, the
     * inactivity or onboarding-stall threshold, the end of the quiet period after a risk signal.
     */
    public Optional<Instant> nextChange(AccountState state, Instant after) {
        if (!state.scorable()) {
            return Optional.empty();
        }
        NextMoment next = new NextMoment(after.toEpochMilli());
        for (AccountState.UsageEntry entry : state.usage()) {
            long at = entry.at().toEpochMilli();
            next.consider(at + windowMillis);
            if (entry.isHabit()) {
                next.consider(at + DROP_PERIOD_MILLIS);
                next.consider(at + 2 * DROP_PERIOD_MILLIS);
            }
        }
        state.contractions().forEach(at -> next.consider(at.toEpochMilli() + windowMillis));
        state.npsByUser().values().forEach(answer -> next.consider(answer.at().toEpochMilli() + npsWindowMillis));
        Instant idleSince = ChurnRules.inactiveSince(state);
        if (idleSince != null && !state.openEpisodes().contains(AccountState.Episode.INACTIVE)) {
            next.consider(idleSince.toEpochMilli() + inactivityMillis);
        }
        Instant stallSince = ChurnRules.stallClockStart(state);
        if (state.billing() == BillingStatus.TRIAL
                && stallSince != null
                && !state.openEpisodes().contains(AccountState.Episode.ONBOARDING_STALLED)) {
            next.consider(stallSince.toEpochMilli() + stallMillis);
        }
        if (state.riskSignalledAt() != null) {
            next.consider(state.riskSignalledAt().toEpochMilli() + RISK_QUIET_PERIOD.toMillis());
        }
        if (state.override() != null) {
            next.consider(state.override().expiresAt().toEpochMilli());
        }
        return next.moment();
    }

    /** The earliest of the moments considered that lies after a given one; in epoch millis, as it runs often. */
    private static final class NextMoment {
        private final long after;
        private long earliest = Long.MAX_VALUE;

        NextMoment(long after) {
            this.after = after;
        }

        void consider(long moment) {
            if (moment > after && moment < earliest) {
                earliest = moment;
            }
        }

        Optional<Instant> moment() {
            return earliest == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(earliest));
        }
    }

    private boolean applySubscription(AccountState.Builder next, SubscriptionUpdate update, Instant now, Changes out) {
        AccountState.Subscription before = next.subscription();
        boolean current =
                before.billingChangedAt() == null || !update.occurredAt().isBefore(before.billingChangedAt());
        ContractionType contraction = update.change().contraction();
        boolean contractionInWindow = contraction != null
                && update.occurredAt().isAfter(now.minus(config.usage().window()));
        if (!current && !contractionInWindow) {
            return false;
        }
        markScorable(next);
        if (current) {
            BillingStatus billing = before.billing().after(update.change());
            // The touch tier follows the contract last paid for until the account pays again.
            long lastPaidMrr = update.mrrAfter() > 0 && billing != BillingStatus.CANCELLED
                    ? update.mrrAfter()
                    : before.lastPaidMrr();
            // A past-due spell lasts from the first failed payment until the account pays or cancels.
            boolean stillPastDue = billing == BillingStatus.PAST_DUE && before.billing() == BillingStatus.PAST_DUE;
            boolean startsPaying = before.firstPaidAt() == null
                    && (billing == BillingStatus.ACTIVE || billing == BillingStatus.PAST_DUE);
            next.subscription(new AccountState.Subscription(
                    update.plan(),
                    update.seats(),
                    update.mrrAfter(),
                    update.currency(),
                    billing,
                    update.occurredAt(),
                    update.change() == SubscriptionChange.TRIAL_STARTED ? update.occurredAt() : before.trialStartedAt(),
                    lastPaidMrr,
                    update.segment() != null ? update.segment() : before.segmentAttribute(),
                    billing != BillingStatus.PAST_DUE
                            ? null
                            : stillPastDue ? before.pastDueSince() : update.occurredAt(),
                    stillPastDue && before.delinquent(),
                    startsPaying ? update.occurredAt() : before.firstPaidAt(),
                    startsPaying ? update.mrrAfter() : before.startingMrr()));
            TouchModel touch = touch(next);
            if (billing == BillingStatus.PAST_DUE && before.billing() != BillingStatus.PAST_DUE) {
                out.add(signal(
                        SignalType.PAYMENT_FAILED,
                        "payment failed; " + money(update.mrrAfter(), update.currency()) + " MRR at risk",
                        null,
                        touch));
            }
            if (update.change() == SubscriptionChange.CANCELLED && before.billing() != BillingStatus.CANCELLED) {
                String reason = update.cancellationReason() == null ? "OTHER" : update.cancellationReason();
                out.add(signal(
                        SignalType.CANCELLED,
                        "cancelled (" + reason + "); " + money(update.mrrBefore(), update.currency()) + " MRR lost",
                        reason,
                        touch));
            }
        }
        if (contraction != null) {
            if (contractionInWindow) {
                next.contraction(update.occurredAt());
            }
            out.add(new Outcome.Contraction(
                    contraction,
                    update.mrrBefore(),
                    update.mrrAfter(),
                    update.currency(),
                    update.addon(),
                    Playbook.forContraction(contraction, touch(next))));
        }
        return true;
    }

    private boolean applyUsage(AccountState.Builder next, UsageActivity activity, Instant now) {
        if (!activity.occurredAt().isAfter(now.minus(usageHorizon))) {
            return false;
        }
        markScorable(next);
        next.usage(new AccountState.UsageEntry(activity.occurredAt(), activity.action(), activity.count()));
        AccountState.Activity known = next.activity();
        Instant lastUsage = known.lastUsageAt() == null || activity.occurredAt().isAfter(known.lastUsageAt())
                ? activity.occurredAt()
                : known.lastUsageAt();
        Instant progress = known.onboardingProgressAt();
        // Only the configured steps lead to the "aha" moment; anything else is not onboarding progress.
        boolean newStep = ONBOARDING_ACTION.equals(activity.action())
                && config.onboardingSteps().contains(activity.onboardingStep())
                && !known.onboardingSteps().contains(activity.onboardingStep());
        if (newStep && (progress == null || activity.occurredAt().isAfter(progress))) {
            progress = activity.occurredAt();
        }
        next.activity(
                new AccountState.Activity(known.firstSeenAt(), lastUsage, progress, known.onboardingSteps(), true));
        if (newStep) {
            next.onboardingStep(activity.onboardingStep());
        }
        return true;
    }

    /** Only a user's latest answer scores and calls for a follow-up: an older one arriving late changes nothing. */
    private boolean applyNps(AccountState.Builder next, NpsAnswer answer, Instant now, Changes out) {
        Instant windowStart = now.minus(config.nps().window());
        AccountState.NpsEntry previous = next.npsByUser().get(answer.userId());
        if (!answer.occurredAt().isAfter(windowStart)
                || (previous != null && answer.occurredAt().isBefore(previous.at()))) {
            return false;
        }
        NpsGroup group = NpsGroup.of(answer.score());
        TouchModel touch = touch(next);
        out.add(new Outcome.NpsFeedback(
                answer.userId(),
                answer.score(),
                group,
                Playbook.forNps(group, touch),
                group.respondWithinHours(),
                answer.occurredAt()));
        next.nps(answer.userId(), new AccountState.NpsEntry(answer.score(), answer.occurredAt()));
        NpsGroup before =
                previous == null || !previous.at().isAfter(windowStart) ? null : NpsGroup.of(previous.score());
        if (group == NpsGroup.DETRACTOR && before != NpsGroup.DETRACTOR) {
            out.add(signal(
                    SignalType.NPS_DETRACTOR,
                    "user " + answer.userId() + " answered NPS " + answer.score(),
                    null,
                    touch));
        }
        if (group == NpsGroup.PROMOTER && before != NpsGroup.PROMOTER) {
            out.opportunities.add(OpportunityType.PROMOTER);
        }
        return true;
    }

    /**
     * The latest command wins: one given before the command that last decided changes nothing, and neither does
     * a SET that has already expired by the account's time. A SET replaces the active override.
     */
    private boolean applyOverride(AccountState.Builder next, OverrideCommand command, Instant now, Changes out) {
        Instant decidedAt = next.overrideDecidedAt();
        if (decidedAt != null && command.occurredAt().isBefore(decidedAt)) {
            return false;
        }
        CsmOverride after = null;
        if (!command.lift()) {
            if (!command.expiresAt().isAfter(now)) {
                return false;
            }
            Band band = command.pinnedScore() == null ? command.band() : Band.of(command.pinnedScore(), config.bands());
            after = new CsmOverride(
                    command.eventId(),
                    band,
                    command.pinnedScore(),
                    command.reason(),
                    command.author(),
                    command.expiresAt());
        }
        out.overrideChanged = !Objects.equals(next.override(), after);
        next.override(after, command.occurredAt());
        return true;
    }

    private static boolean applyTicket(AccountState.Builder next, TicketUpdate update) {
        AccountState.TicketRecord previous = next.tickets().get(update.ticketId());
        if (previous != null && update.occurredAt().isBefore(previous.updatedAt())) {
            return false;
        }
        boolean escalated = (previous != null && previous.escalated()) || update.stage() == TicketStage.ESCALATED;
        next.ticket(
                update.ticketId(),
                new AccountState.TicketRecord(update.priority(), update.stage(), escalated, update.occurredAt()));
        return true;
    }

    private static void markScorable(AccountState.Builder next) {
        AccountState.Activity a = next.activity();
        if (!a.scorable()) {
            next.activity(new AccountState.Activity(
                    a.firstSeenAt(), a.lastUsageAt(), a.onboardingProgressAt(), a.onboardingSteps(), true));
        }
    }

    private Result reassess(AccountState.Builder next, Instant now, Changes pending) {
        AccountState facts = next.build();
        if (!facts.scorable()) {
            return new Result(facts, false, marked(pending.outcomes, facts.override()));
        }
        CsmOverride expired = facts.override() != null && facts.override().expiredBy(now) ? facts.override() : null;
        if (expired != null) {
            next.override(null, facts.overrideDecidedAt());
        }
        CsmOverride active = next.override();
        UsageValues usage = UsageValues.of(facts.usage(), now, config.usage());
        HealthScorer.Score score = scorer.score(facts, now, usage);
        List<Outcome> out = new ArrayList<>();
        AccountState.Published previous = facts.published();
        if (previous.score() == null
                || score.band() != previous.band()
                || Math.abs(score.rounded() - previous.score()) >= config.emitMinDelta()
                || pending.overrideChanged
                || expired != null) {
            HealthAssessment assessment = scorer.explain(score);
            if (expired != null) {
                assessment = assessment.withRecommendedAction(
                        Playbook.overrideExpired(expired, assessment.band(), assessment.recommendedAction()));
            }
            out.add(new Outcome.HealthUpdate(assessment, previous.score(), previous.band(), segment, active, expired));
            next.lastEmitted(score.rounded(), score.band());
        }
        out.addAll(pending.outcomes);
        TouchModel touch = score.touch();
        if (score.band() == Band.RED && previous.band() != Band.RED) {
            out.add(signal(
                    SignalType.RED_BAND_ENTERED,
                    "health score " + Points.format(score.rounded())
                            + (previous.score() == null ? "" : ", was " + Points.format(previous.score())),
                    null,
                    touch));
        }
        boolean paying = facts.billing() != BillingStatus.CANCELLED;
        Optional<String> drop = episode(
                next, AccountState.Episode.USAGE_DROP, paying ? ChurnRules.usageDrop(usage, config) : Optional.empty());
        drop.ifPresent(reason -> out.add(signal(SignalType.USAGE_DROP, reason, null, touch)));
        Optional<String> idle = episode(
                next,
                AccountState.Episode.INACTIVE,
                paying ? ChurnRules.inactivity(facts, now, config) : Optional.empty());
        idle.ifPresent(reason -> out.add(signal(SignalType.INACTIVE, reason, null, touch)));
        if (drop.isPresent() || idle.isPresent()) {
            next.riskSignalledAt(now);
        }
        episode(next, AccountState.Episode.ONBOARDING_STALLED, ChurnRules.onboardingStall(facts, now, config))
                .ifPresent(step -> out.add(signal(
                        SignalType.ONBOARDING_STALLED,
                        "trial made no onboarding progress for "
                                + config.signals().onboardingStalled().toDays() + " days; next step '" + step + "'",
                        step,
                        touch)));
        expansion(next, facts, score, usage, now, pending).forEach(out::add);
        return new Result(next.build(), false, marked(out, active));
    }

    /** The outcomes with their churn signals marked as raised while {@code active} held the account, if one did. */
    private static List<Outcome> marked(List<Outcome> outcomes, CsmOverride active) {
        if (active == null) {
            return outcomes;
        }
        return outcomes.stream()
                .map(outcome -> outcome instanceof Outcome.ChurnAlert alert ? alert.whileOverridden() : outcome)
                .toList();
    }

    /**
     * Expansion opportunities, after the risk rules: none while the account is past due or cancelled, none while
     * a usage drop or inactivity holds or within {@link #RISK_QUIET_PERIOD} of one being raised.
     */
    private Stream<Outcome> expansion(
            AccountState.Builder next,
            AccountState facts,
            HealthScorer.Score score,
            UsageValues usage,
            Instant now,
            Changes pending) {
        boolean goodStanding = facts.billing() != BillingStatus.PAST_DUE && facts.billing() != BillingStatus.CANCELLED;
        Instant riskAt = next.riskSignalledAt();
        boolean atRisk = next.openEpisodes().contains(AccountState.Episode.USAGE_DROP)
                || next.openEpisodes().contains(AccountState.Episode.INACTIVE)
                || (riskAt != null && now.isBefore(riskAt.plus(RISK_QUIET_PERIOD)));
        boolean mayExpand = goodStanding && !atRisk;
        List<OpportunityType> raised = new ArrayList<>();
        if (goodStanding) {
            raised.addAll(pending.opportunities);
        }
        episode(
                        next,
                        AccountState.Episode.THRIVING,
                        mayExpand && score.band() == Band.THRIVING ? Optional.of(true) : Optional.empty())
                .ifPresent(x -> raised.add(OpportunityType.THRIVING_ENTERED));
        boolean abovePlan = mayExpand
                && facts.billing() == BillingStatus.ACTIVE
                && UsageScore.percentOfExpected(facts, usage, config.usage()) > 100;
        episode(next, AccountState.Episode.USAGE_ABOVE_PLAN, abovePlan ? Optional.of(true) : Optional.empty())
                .ifPresent(x -> raised.add(OpportunityType.USAGE_ABOVE_PLAN));
        return raised.stream().map(type -> opportunity(type, score));
    }

    /** Opens an episode when its condition starts to hold (returning the detail once) and closes it when it stops. */
    private static <T> Optional<T> episode(
            AccountState.Builder next, AccountState.Episode episode, Optional<T> condition) {
        if (condition.isEmpty()) {
            next.openEpisodes().remove(episode);
            return Optional.empty();
        }
        return next.openEpisodes().add(episode) ? condition : Optional.empty();
    }

    /** Forgets what no window can reach from {@code now} any more. */
    private void prune(AccountState.Builder next, Instant now) {
        Instant usageFrom = now.minus(usageHorizon);
        next.usage().removeIf(entry -> !entry.at().isAfter(usageFrom));
        Instant windowFrom = now.minus(config.usage().window());
        next.contractions().removeIf(at -> !at.isAfter(windowFrom));
        Instant npsFrom = now.minus(config.nps().window());
        next.npsByUser().values().removeIf(answer -> !answer.at().isAfter(npsFrom));
        // Resolved tickets are kept for a window so an out-of-order older event cannot reopen them.
        next.tickets()
                .values()
                .removeIf(ticket -> !ticket.isOpen() && !ticket.updatedAt().isAfter(windowFrom));
        Instant riskAt = next.riskSignalledAt();
        if (riskAt != null && !now.isBefore(riskAt.plus(RISK_QUIET_PERIOD))) {
            next.riskSignalledAt(null);
        }
    }

    private TouchModel touch(AccountState.Builder next) {
        return TouchModel.of(next.subscription().tierMrr(), config.touch());
    }

    private static Outcome.ChurnAlert signal(SignalType type, String reason, String detail, TouchModel touch) {
        String cancellationReason = type == SignalType.CANCELLED ? detail : null;
        String actionDetail = type == SignalType.INACTIVE ? reason : detail;
        return new Outcome.ChurnAlert(type, reason, Playbook.forSignal(type, actionDetail, touch), cancellationReason);
    }

    private static Outcome.Opportunity opportunity(OpportunityType type, HealthScorer.Score score) {
        return new Outcome.Opportunity(type, score.rounded(), Playbook.forOpportunity(type, score.touch()));
    }

    private static String money(long minorUnits, String currency) {
        return String.format(Locale.ROOT, "%d.%02d %s", minorUnits / 100, Math.abs(minorUnits % 100), currency);
    }

    /** What applying an event decided; opportunities wait for the new score. */
    private static final class Changes {
        final List<Outcome> outcomes = new ArrayList<>();
        final List<OpportunityType> opportunities = new ArrayList<>();
        boolean overrideChanged;

        void add(Outcome outcome) {
            outcomes.add(outcome);
        }
    }
}
