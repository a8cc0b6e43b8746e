package io.healthstream.topology;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ChurnSignalType;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.ContractionKind;
import io.healthstream.avro.ExpansionOpportunity;
import io.healthstream.avro.ExpansionReason;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.HealthComponents;
import io.healthstream.avro.HealthDriver;
import io.healthstream.avro.NpsCategory;
import io.healthstream.avro.NpsFollowUp;
import io.healthstream.avro.Severity;
import io.healthstream.avro.TouchTier;
import io.healthstream.scoring.HealthAssessment;
import io.healthstream.scoring.Outcome;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;

/**
 * Turns the engine's outcomes into output records. Ids derive from the source event id and the
 * rule, so replaying the same input yields the same ids.
 */
public final class OutcomeMapper {
    private final String modelVersion;

    public OutcomeMapper(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    /** An output record with its topic and a low-cardinality type for metrics. */
    public record Output(String topic, String type, SpecificRecord value) {
    }

    public Output map(Outcome outcome, String accountId, String sourceEventId, Instant now) {
        if (outcome instanceof Outcome.HealthUpdate update) {
            return new Output(Topics.ACCOUNT_HEALTH, update.assessment().band().name(),
                    health(update, accountId, sourceEventId, now));
        }
        if (outcome instanceof Outcome.ChurnAlert alert) {
            return new Output(Topics.CHURN_SIGNALS, alert.type().name(), ChurnSignal.newBuilder()
                    .setSignalId(sourceEventId + ":" + alert.type())
                    .setAccountId(accountId)
                    .setType(ChurnSignalType.valueOf(alert.type().name()))
                    .setSeverity(Severity.valueOf(alert.type().urgency().name()))
                    .setReason(alert.reason())
                    .setCancellationReason(alert.cancellationReason() == null ? null
                            : CancellationReason.valueOf(alert.cancellationReason()))
                    .setRecommendedAction(alert.recommendedAction())
                    .setRespondWithinHours(alert.type().respondWithinHours())
                    .setDetectedAt(now)
                    .setSourceEventId(sourceEventId)
                    .build());
        }
        if (outcome instanceof Outcome.Contraction contraction) {
            return new Output(Topics.CONTRACTION_ALERTS, contraction.type().name(), ContractionAlert.newBuilder()
                    .setAlertId(sourceEventId + ":" + contraction.type())
                    .setAccountId(accountId)
                    .setKind(ContractionKind.valueOf(contraction.type().name()))
                    .setMrrBefore(contraction.mrrBefore())
                    .setMrrAfter(contraction.mrrAfter())
                    .setMrrDelta(contraction.mrrDelta())
                    .setCurrency(contraction.currency())
                    .setAddon(contraction.addon())
                    .setRecommendedAction(contraction.recommendedAction())
                    .setDetectedAt(now)
                    .setSourceEventId(sourceEventId)
                    .build());
        }
        if (outcome instanceof Outcome.NpsFeedback feedback) {
            return new Output(Topics.NPS_FOLLOWUPS, feedback.group().name(), NpsFollowUp.newBuilder()
                    .setAccountId(accountId)
                    .setUserId(feedback.userId())
                    .setScore(feedback.score())
                    .setCategory(NpsCategory.valueOf(feedback.group().name()))
                    .setAction(feedback.action())
                    .setRespondWithinHours(feedback.respondWithinHours())
                    .setRespondedAt(feedback.respondedAt())
                    .setSourceEventId(sourceEventId)
                    .build());
        }
        Outcome.Opportunity opportunity = (Outcome.Opportunity) outcome;
        return new Output(Topics.EXPANSION_OPPORTUNITIES, opportunity.type().name(), ExpansionOpportunity.newBuilder()
                .setOpportunityId(sourceEventId + ":" + opportunity.type())
                .setAccountId(accountId)
                .setReason(ExpansionReason.valueOf(opportunity.type().name()))
                .setScore(opportunity.score())
                .setRecommendedAction(opportunity.recommendedAction())
                .setDetectedAt(now)
                .setSourceEventId(sourceEventId)
                .build());
    }

    private AccountHealth health(Outcome.HealthUpdate update, String accountId, String sourceEventId, Instant now) {
        HealthAssessment a = update.assessment();
        return AccountHealth.newBuilder()
                .setAccountId(accountId)
                .setScore(a.score())
                .setBand(HealthBand.valueOf(a.band().name()))
                .setPreviousScore(update.previousScore())
                .setPreviousBand(update.previousBand() == null ? null : HealthBand.valueOf(update.previousBand().name()))
                .setComponents(new HealthComponents(a.components().usage(), a.components().billing(),
                        a.components().support(), a.components().nps()))
                .setDrivers(a.drivers().stream().map(d -> new HealthDriver(d.component(), d.message(), d.points())).toList())
                .setRecommendedAction(a.recommendedAction())
                .setTouchTier(TouchTier.valueOf(a.touch().name()))
                .setComputedAt(now)
                .setModelVersion(modelVersion)
                .setSourceEventId(sourceEventId)
                .build();
    }
}
