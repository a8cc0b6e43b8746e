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
import io.healthstream.scoring.CsmOverride;
import io.healthstream.scoring.HealthAssessment;
import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.intake.Decision;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns the model's decisions into output records. Ids derive from the account, the input topic and
 * the source event id (producers promise ids unique per source only), or from the moment time alone
 * decided, plus the rule: {@code acc-1/usage-events/e-7/USAGE_DROP}, {@code acc-1/time/2026-03-08T09:00:00Z/INACTIVE}.
 * So a replay yields the same ids, and two accounts or inputs sharing an event id never share a record id.
 */
final class OutcomeMapper {
    private static final String TRUNCATED = "...[truncated]";

    private final String modelVersion;
    private final int maxTextLength;

    OutcomeMapper(String modelVersion, InputLimits limits) {
        this.modelVersion = modelVersion;
        this.maxTextLength = limits.maxTextLength();
    }

    /** The output record of {@code decision} about {@code accountId}, computed at processing time {@code computedAt}. */
    Output map(Decision decision, String accountId, Instant computedAt) {
        Outcome outcome = decision.outcome();
        String source = sourceId(decision);
        Instant asOf = decision.asOf();
        if (outcome instanceof Outcome.HealthUpdate update) {
            return new Output(Topics.ACCOUNT_HEALTH, health(update, accountId, source, asOf, computedAt));
        }
        if (outcome instanceof Outcome.ChurnAlert alert) {
            return new Output(
                    Topics.CHURN_SIGNALS,
                    ChurnSignal.newBuilder()
                            .setSignalId(id(accountId, decision, alert.type().name()))
                            .setAccountId(accountId)
                            .setType(ChurnSignalType.valueOf(alert.type().name()))
                            .setSeverity(Severity.valueOf(alert.type().urgency().name()))
                            .setReason(capped(alert.reason()))
                            .setCancellationReason(
                                    alert.cancellationReason() == null
                                            ? null
                                            : CancellationReason.valueOf(alert.cancellationReason()))
                            .setRecommendedAction(capped(alert.recommendedAction()))
                            .setRespondWithinHours(alert.type().respondWithinHours())
                            .setDetectedAt(asOf)
                            .setSourceEventId(source)
                            .setOverridden(alert.overridden())
                            .build());
        }
        if (outcome instanceof Outcome.Contraction contraction) {
            return new Output(
                    Topics.CONTRACTION_ALERTS,
                    ContractionAlert.newBuilder()
                            .setAlertId(
                                    id(accountId, decision, contraction.type().name()))
                            .setAccountId(accountId)
                            .setKind(ContractionKind.valueOf(contraction.type().name()))
                            .setMrrBefore(contraction.mrrBefore())
                            .setMrrAfter(contraction.mrrAfter())
                            .setMrrDelta(contraction.mrrDelta())
                            .setCurrency(contraction.currency())
                            .setAddon(contraction.addon())
                            .setRecommendedAction(capped(contraction.recommendedAction()))
                            .setDetectedAt(asOf)
                            .setSourceEventId(source)
                            .setRespondWithinHours(contraction.type().respondWithinHours())
                            .build());
        }
        if (outcome instanceof Outcome.NpsFeedback feedback) {
            return new Output(
                    Topics.NPS_FOLLOWUPS,
                    NpsFollowUp.newBuilder()
                            .setAccountId(accountId)
                            .setUserId(feedback.userId())
                            .setScore(feedback.score())
                            .setCategory(NpsCategory.valueOf(feedback.group().name()))
                            .setAction(capped(feedback.action()))
                            .setRespondWithinHours(feedback.respondWithinHours())
                            .setRespondedAt(feedback.respondedAt())
                            .setSourceEventId(source)
                            .setFollowupId(
                                    id(accountId, decision, feedback.group().name()))
                            .build());
        }
        Outcome.Opportunity opportunity = (Outcome.Opportunity) outcome;
        return new Output(
                Topics.EXPANSION_OPPORTUNITIES,
                ExpansionOpportunity.newBuilder()
                        .setOpportunityId(
                                id(accountId, decision, opportunity.type().name()))
                        .setAccountId(accountId)
                        .setReason(ExpansionReason.valueOf(opportunity.type().name()))
                        .setScore(opportunity.score())
                        .setRecommendedAction(capped(opportunity.recommendedAction()))
                        .setDetectedAt(asOf)
                        .setSourceEventId(source)
                        .build());
    }

    private AccountHealth health(
            Outcome.HealthUpdate update, String accountId, String source, Instant asOf, Instant computedAt) {
        HealthAssessment a = update.assessment();
        return AccountHealth.newBuilder()
                .setAccountId(accountId)
                .setScore(a.score())
                .setBand(HealthBand.valueOf(a.band().name()))
                .setPreviousScore(update.previousScore())
                .setPreviousBand(
                        update.previousBand() == null
                                ? null
                                : HealthBand.valueOf(update.previousBand().name()))
                .setComponents(new HealthComponents(
                        a.components().usage(),
                        a.components().billing(),
                        a.components().support(),
                        a.components().nps()))
                .setDrivers(a.drivers().stream()
                        .map(d -> new HealthDriver(d.component(), capped(d.message()), d.points()))
                        .toList())
                .setRecommendedAction(capped(a.recommendedAction()))
                .setTouchTier(TouchTier.valueOf(a.touch().name()))
                .setComputedAt(computedAt)
                .setModelVersion(modelVersion)
                .setSourceEventId(source)
                .setAsOf(asOf)
                .setSegment(update.segment())
                .setOverride(override(update.override()))
                .setOverrideExpired(override(update.expired()))
                .build();
    }

    private io.healthstream.avro.CsmOverride override(CsmOverride override) {
        return override == null
                ? null
                : io.healthstream.avro.CsmOverride.newBuilder()
                        .setOverrideId(override.overrideId())
                        .setBand(HealthBand.valueOf(override.band().name()))
                        .setScore(override.score())
                        .setReason(capped(override.reason()))
                        .setAuthor(capped(override.author()))
                        .setExpiresAt(override.expiresAt())
                        .build();
    }

    /** The event that caused a record, or {@code time:<instant>} when time alone did. */
    static String sourceId(Decision decision) {
        return decision.byTime() ? "time:" + decision.asOf() : decision.eventId();
    }

    /** {@code <account>/<input topic>/<event id>/<rule>}, or {@code <account>/time/<instant>/<rule>}; parts escaped so they cannot run together. */
    static String id(String accountId, Decision decision, String rule) {
        String cause = decision.byTime()
                ? "time/" + decision.asOf()
                : Topics.of(decision.source()) + "/" + escaped(decision.eventId());
        return escaped(accountId) + "/" + cause + "/" + rule;
    }

    private static String escaped(String part) {
        return part.indexOf('/') < 0 && part.indexOf('%') < 0 ? part : URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    /** Free text longer than {@code input.max-text-length} is cut, with a marker saying so. */
    private String capped(String text) {
        return text == null || text.length() <= maxTextLength
                ? text
                : text.substring(0, Math.max(0, maxTextLength - TRUNCATED.length())) + TRUNCATED;
    }
}
