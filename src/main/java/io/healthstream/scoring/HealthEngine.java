package io.healthstream.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies one account's events to its state in event-time order and decides what they call for:
 * health updates, churn signals (once per episode), contraction alerts, NPS follow-ups and
 * expansion opportunities. Pure: no I/O, time is always passed in.
 */
public final class HealthEngine {
    static final String ONBOARDING_ACTION = "onboarding_step_completed";

    private final ModelConfig config;
    private final HealthScorer scorer;
    /** How far back a usage event can still matter: the score window or the usage-drop comparison. */
    private final Duration usageHorizon;

    public HealthEngine(ModelConfig config) {
        this.config = config;
        this.scorer = new HealthScorer(config);
        Duration dropHorizon = ChurnRules.USAGE_DROP_PERIOD.multipliedBy(2);
        this.usageHorizon = config.usage().window().compareTo(dropHorizon) > 0 ? config.usage().window() : dropHorizon;
    }

    /** What one event did: {@code late} when it was too old to change anything. */
    public record Result(boolean late, List<Outcome> outcomes) {
        public Result {
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * Applies {@code event} at stream time {@code now} (the latest event time seen; never before the event).
     */
    public Result apply(AccountState state, AccountEvent event, Instant now) {
        Instant at = now.isBefore(event.occurredAt()) ? event.occurredAt() : now;
        Changes pending = new Changes();
        boolean applied;
        if (event instanceof SubscriptionUpdate update) {
            applied = applySubscription(state, update, at, pending);
        } else if (event instanceof UsageActivity activity) {
            applied = applyUsage(state, activity, at);
        } else if (event instanceof NpsAnswer answer) {
            applied = applyNps(state, answer, at, pending);
        } else {
            applied = applyTicket(state, (TicketUpdate) event);
        }
        if (!applied) {
            return new Result(true, List.of());
        }
        if (state.firstSeenAt == null || event.occurredAt().isBefore(state.firstSeenAt)) {
            state.firstSeenAt = event.occurredAt();
        }
        prune(state, at);
        return new Result(false, reassess(state, at, pending));
    }

    /** Re-evaluates an account as time passes with no event: decay, windows, time-based signals. */
    public List<Outcome> tick(AccountState state, Instant now) {
        prune(state, now);
        return reassess(state, now, new Changes());
    }

    private boolean applySubscription(AccountState state, SubscriptionUpdate update, Instant now, Changes out) {
        boolean current = state.billingChangedAt == null || !update.occurredAt().isBefore(state.billingChangedAt);
        ContractionType contraction = update.change().contraction();
        boolean contractionInWindow = contraction != null && update.occurredAt().isAfter(now.minus(config.usage().window()));
        if (!current && !contractionInWindow) {
            return false;
        }
        state.scorable = true;
        if (current) {
            BillingStatus before = state.billing;
            state.billing = before.after(update.change());
            state.billingChangedAt = update.occurredAt();
            state.plan = update.plan();
            state.seats = update.seats();
            state.mrr = update.mrrAfter();
            state.currency = update.currency();
            if (update.change() == SubscriptionChange.TRIAL_STARTED) {
                state.trialStartedAt = update.occurredAt();
            }
            TouchModel touch = touch(state);
            // The contract just lost decides how personal the win-back is, not the MRR of zero left behind.
            TouchModel lostContractTouch = TouchModel.of(update.mrrBefore(), config.touch());
            if (state.billing == BillingStatus.PAST_DUE && before != BillingStatus.PAST_DUE) {
                out.add(signal(SignalType.PAYMENT_FAILED, "payment failed; " + money(update.mrrAfter(), update.currency())
                        + " MRR at risk", null, touch));
            }
            if (update.change() == SubscriptionChange.CANCELLED && before != BillingStatus.CANCELLED) {
                String reason = update.cancellationReason() == null ? "OTHER" : update.cancellationReason();
                out.add(signal(SignalType.CANCELLED, "cancelled (" + reason + "); " + money(update.mrrBefore(),
                        update.currency()) + " MRR lost", reason, lostContractTouch));
            }
        }
        if (contraction != null) {
            if (contractionInWindow) {
                state.contractions.add(update.occurredAt());
            }
            out.add(new Outcome.Contraction(contraction, update.mrrBefore(), update.mrrAfter(), update.currency(),
                    update.addon(), Playbook.forContraction(contraction, touch(state))));
        }
        return true;
    }

    private boolean applyUsage(AccountState state, UsageActivity activity, Instant now) {
        if (!activity.occurredAt().isAfter(now.minus(usageHorizon))) {
            return false;
        }
        state.scorable = true;
        state.usage.add(new AccountState.UsageEntry(activity.occurredAt(), activity.action(), activity.count()));
        if (state.lastUsageAt == null || activity.occurredAt().isAfter(state.lastUsageAt)) {
            state.lastUsageAt = activity.occurredAt();
        }
        // Only the configured steps lead to the "aha" moment; anything else is not onboarding progress.
        if (ONBOARDING_ACTION.equals(activity.action()) && config.onboardingSteps().contains(activity.onboardingStep())
                && state.onboardingSteps.add(activity.onboardingStep())
                && (state.onboardingProgressAt == null || activity.occurredAt().isAfter(state.onboardingProgressAt))) {
            state.onboardingProgressAt = activity.occurredAt();
        }
        return true;
    }

    private boolean applyNps(AccountState state, NpsAnswer answer, Instant now, Changes out) {
        Instant windowStart = now.minus(config.nps().window());
        if (!answer.occurredAt().isAfter(windowStart)) {
            return false;
        }
        NpsGroup group = NpsGroup.of(answer.score());
        TouchModel touch = touch(state);
        out.add(new Outcome.NpsFeedback(answer.userId(), answer.score(), group, Playbook.forNps(group, touch),
                group.respondWithinHours(), answer.occurredAt()));
        AccountState.NpsEntry previous = state.npsByUser.get(answer.userId());
        if (previous != null && answer.occurredAt().isBefore(previous.at())) {
            return true; // an older answer than the user's latest: followed up, but it does not score
        }
        state.npsByUser.put(answer.userId(), new AccountState.NpsEntry(answer.score(), answer.occurredAt()));
        NpsGroup before = previous == null || !previous.at().isAfter(windowStart) ? null : NpsGroup.of(previous.score());
        if (group == NpsGroup.DETRACTOR && before != NpsGroup.DETRACTOR) {
            out.add(signal(SignalType.NPS_DETRACTOR, "user " + answer.userId() + " answered NPS " + answer.score(),
                    null, touch));
        }
        if (group == NpsGroup.PROMOTER && before != NpsGroup.PROMOTER) {
            out.opportunities.add(OpportunityType.PROMOTER);
        }
        return true;
    }

    private static boolean applyTicket(AccountState state, TicketUpdate update) {
        AccountState.TicketRecord previous = state.tickets.get(update.ticketId());
        if (previous != null && update.occurredAt().isBefore(previous.updatedAt())) {
            return false;
        }
        boolean escalated = (previous != null && previous.escalated()) || update.stage() == TicketStage.ESCALATED;
        state.tickets.put(update.ticketId(),
                new AccountState.TicketRecord(update.priority(), update.stage(), escalated, update.occurredAt()));
        return true;
    }

    private List<Outcome> reassess(AccountState state, Instant now, Changes pending) {
        if (!state.scorable) {
            return pending.outcomes;
        }
        HealthAssessment assessment = scorer.assess(state, now);
        List<Outcome> out = new ArrayList<>();
        Band previousBand = state.lastBand;
        Double previousScore = state.lastScore;
        if (previousScore == null || assessment.band() != previousBand
                || Math.abs(assessment.score() - previousScore) >= config.emitMinDelta()) {
            out.add(new Outcome.HealthUpdate(assessment, previousScore, previousBand));
            state.lastScore = assessment.score();
            state.lastBand = assessment.band();
        }
        out.addAll(pending.outcomes);
        pending.opportunities.forEach(type -> out.add(opportunity(type, assessment)));
        if (assessment.band() == Band.RED && previousBand != Band.RED) {
            out.add(signal(SignalType.RED_BAND_ENTERED, "health score " + Points.format(assessment.score())
                    + (previousScore == null ? "" : ", was " + Points.format(previousScore)), null, assessment.touch()));
        }
        if (assessment.band() == Band.THRIVING && previousBand != Band.THRIVING) {
            out.add(opportunity(OpportunityType.THRIVING_ENTERED, assessment));
        }
        boolean paying = state.billing != BillingStatus.CANCELLED;
        episode(state, AccountState.Episode.USAGE_DROP, paying ? ChurnRules.usageDrop(state, now, config) : Optional.empty())
                .ifPresent(reason -> out.add(signal(SignalType.USAGE_DROP, reason, null, assessment.touch())));
        episode(state, AccountState.Episode.INACTIVE, paying ? ChurnRules.inactivity(state, now, config) : Optional.empty())
                .ifPresent(reason -> out.add(signal(SignalType.INACTIVE, reason, null, assessment.touch())));
        episode(state, AccountState.Episode.ONBOARDING_STALLED, ChurnRules.onboardingStall(state, now, config))
                .ifPresent(step -> out.add(signal(SignalType.ONBOARDING_STALLED, "trial made no onboarding progress for "
                        + config.signals().onboardingStalled().toDays() + " days; next step '" + step + "'", step,
                        assessment.touch())));
        double percent = UsageScore.percentOfExpected(state, now, config.usage());
        episode(state, AccountState.Episode.USAGE_ABOVE_PLAN, paying && percent > 100
                ? Optional.of(percent) : Optional.empty())
                .ifPresent(p -> out.add(opportunity(OpportunityType.USAGE_ABOVE_PLAN, assessment)));
        return out;
    }

    /** Opens an episode when its condition starts to hold (returning the detail once) and closes it when it stops. */
    private static <T> Optional<T> episode(AccountState state, AccountState.Episode episode, Optional<T> condition) {
        if (condition.isEmpty()) {
            state.openEpisodes.remove(episode);
            return Optional.empty();
        }
        return state.openEpisodes.add(episode) ? condition : Optional.empty();
    }

    private void prune(AccountState state, Instant now) {
        Instant usageFrom = now.minus(usageHorizon);
        state.usage.removeIf(entry -> !entry.at().isAfter(usageFrom));
        Instant windowFrom = now.minus(config.usage().window());
        state.contractions.removeIf(at -> !at.isAfter(windowFrom));
        Instant npsFrom = now.minus(config.nps().window());
        state.npsByUser.values().removeIf(answer -> !answer.at().isAfter(npsFrom));
        // Resolved tickets are kept for a window so an out-of-order older event cannot reopen them.
        state.tickets.values().removeIf(ticket -> !ticket.isOpen() && !ticket.updatedAt().isAfter(windowFrom));
    }

    private TouchModel touch(AccountState state) {
        return TouchModel.of(state.mrr, config.touch());
    }

    private static Outcome.ChurnAlert signal(SignalType type, String reason, String detail, TouchModel touch) {
        String cancellationReason = type == SignalType.CANCELLED ? detail : null;
        String actionDetail = type == SignalType.INACTIVE ? reason : detail;
        return new Outcome.ChurnAlert(type, reason, Playbook.forSignal(type, actionDetail, touch), cancellationReason);
    }

    private static Outcome.Opportunity opportunity(OpportunityType type, HealthAssessment assessment) {
        return new Outcome.Opportunity(type, assessment.score(), Playbook.forOpportunity(type, assessment.touch()));
    }

    private static String money(long minorUnits, String currency) {
        return String.format(Locale.ROOT, "%d.%02d %s", minorUnits / 100, Math.abs(minorUnits % 100), currency);
    }

    /** What applying an event decided; opportunities wait for the new score. */
    private static final class Changes {
        final List<Outcome> outcomes = new ArrayList<>();
        final List<OpportunityType> opportunities = new ArrayList<>();

        void add(Outcome outcome) {
            outcomes.add(outcome);
        }
    }
}
