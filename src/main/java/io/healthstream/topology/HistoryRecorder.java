package io.healthstream.topology;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.ExpansionOpportunity;
import io.healthstream.avro.HealthComponents;
import io.healthstream.avro.HistoryEventKind;
import io.healthstream.avro.NpsFollowUp;
import io.healthstream.avro.ScoreChange;
import io.healthstream.avro.StoredHistoryEvent;
import io.healthstream.avro.StoredHistoryPoint;
import io.healthstream.scoring.Components;
import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.ScoreChanges;
import io.healthstream.scoring.intake.Decision;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Keeps each account's outputs in its history stores, time-stamped with the event time they reflect, and completes
 * each AccountHealth record from the history before it goes out: what changed since the account's previous record,
 * and its score 7 and 30 days before. Reads only the history, never the wall clock, so a replay completes the same
 * records.
 */
final class HistoryRecorder {
    static final Duration WEEK = Duration.ofDays(7);
    static final Duration MONTH = Duration.ofDays(30);

    private final WindowStore<String, StoredHistoryPoint> points;
    private final WindowStore<String, StoredHistoryEvent> events;

    HistoryRecorder(WindowStore<String, StoredHistoryPoint> points, WindowStore<String, StoredHistoryEvent> events) {
        this.points = points;
        this.events = events;
    }

    /** Completes {@code output} if it is an AccountHealth record, and keeps it in the account's history. */
    void record(String accountId, Decision decision, Output output) {
        long at = decision.asOf().toEpochMilli();
        if (output.value() instanceof AccountHealth health
                && decision.outcome() instanceof Outcome.HealthUpdate update) {
            StoredHistoryPoint previous = latestAtOrBefore(accountId, decision.asOf());
            if (previous != null) {
                health.setChanges(ScoreChanges.between(
                                components(previous.getComponents()),
                                update.assessment(),
                                decision.source(),
                                decision.eventId())
                        .stream()
                        .map(c -> new ScoreChange(c.component(), c.delta(), c.reason()))
                        .toList());
            }
            health.setScore7dAgo(scoreAtOrBefore(accountId, decision.asOf().minus(WEEK)));
            health.setScore30dAgo(scoreAtOrBefore(accountId, decision.asOf().minus(MONTH)));
            points.put(accountId, point(health, decision), at);
        } else if (output.value() instanceof ChurnSignal signal) {
            events.put(
                    accountId,
                    new StoredHistoryEvent(
                            HistoryEventKind.CHURN_SIGNAL,
                            signal.getSignalId(),
                            signal.getSeverity().name(),
                            signal.getType() + ": " + signal.getReason()),
                    at);
        } else if (output.value() instanceof ContractionAlert alert) {
            events.put(
                    accountId,
                    new StoredHistoryEvent(
                            HistoryEventKind.CONTRACTION_ALERT,
                            alert.getAlertId(),
                            null,
                            alert.getKind() + (alert.getAddon() == null ? "" : " " + alert.getAddon()) + ": MRR "
                                    + alert.getMrrBefore() + " -> " + alert.getMrrAfter() + " " + alert.getCurrency()
                                    + " (minor units)"),
                    at);
        } else if (output.value() instanceof NpsFollowUp followUp) {
            events.put(
                    accountId,
                    new StoredHistoryEvent(
                            HistoryEventKind.NPS_FOLLOW_UP,
                            followUp.getFollowupId(),
                            null,
                            followUp.getCategory() + ": NPS " + followUp.getScore() + " from " + followUp.getUserId()),
                    at);
        } else if (output.value() instanceof ExpansionOpportunity opportunity) {
            events.put(
                    accountId,
                    new StoredHistoryEvent(
                            HistoryEventKind.EXPANSION_OPPORTUNITY,
                            opportunity.getOpportunityId(),
                            null,
                            opportunity.getReason() + ": score " + opportunity.getScore()),
                    at);
        }
    }

    private static StoredHistoryPoint point(AccountHealth health, Decision decision) {
        return new StoredHistoryPoint(
                health.getScore(),
                health.getBand(),
                health.getComponents(),
                health.getModelVersion(),
                decision.eventId(),
                health.getChanges(),
                health.getOverride(),
                health.getOverrideExpired());
    }

    private Double scoreAtOrBefore(String accountId, Instant at) {
        StoredHistoryPoint point = latestAtOrBefore(accountId, at);
        return point == null ? null : point.getScore();
    }

    /** The account's newest point at or before {@code at}; the store forgets what is older than its retention. */
    private StoredHistoryPoint latestAtOrBefore(String accountId, Instant at) {
        if (at.isBefore(Instant.EPOCH)) {
            return null;
        }
        try (WindowStoreIterator<StoredHistoryPoint> newestFirst = points.backwardFetch(accountId, Instant.EPOCH, at)) {
            return newestFirst.hasNext() ? newestFirst.next().value : null;
        }
    }

    private static Components components(HealthComponents stored) {
        return new Components(stored.getUsage(), stored.getBilling(), stored.getSupport(), stored.getNps());
    }
}
