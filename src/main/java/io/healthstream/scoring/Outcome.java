package io.healthstream.scoring;

import java.time.Instant;

/** Something the engine decided an account's event or the passing of time calls for. */
public sealed interface Outcome {

    /** The score moved enough (or changed band) to be published; {@code segment} names the model that scored it. */
    record HealthUpdate(HealthAssessment assessment, Double previousScore, Band previousBand, String segment)
            implements Outcome {}

    /** A churn rule fired; {@code cancellationReason} is set for CANCELLED. */
    record ChurnAlert(SignalType type, String reason, String recommendedAction, String cancellationReason)
            implements Outcome {}

    /** Recurring revenue lost from a customer who stays. */
    record Contraction(
            ContractionType type,
            long mrrBefore,
            long mrrAfter,
            String currency,
            String addon,
            String recommendedAction)
            implements Outcome {
        public long mrrDelta() {
            return mrrAfter - mrrBefore;
        }
    }

    /** The follow-up one NPS answer calls for. */
    record NpsFeedback(
            String userId, int score, NpsGroup group, String action, int respondWithinHours, Instant respondedAt)
            implements Outcome {}

    /** An expansion-revenue opportunity. */
    record Opportunity(OpportunityType type, double score, String recommendedAction) implements Outcome {}
}
