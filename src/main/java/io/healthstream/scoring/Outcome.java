package io.healthstream.scoring;

import java.time.Instant;

/** Something the engine decided an account's event or the passing of time calls for. */
public sealed interface Outcome {

    /**
     * The score moved enough (or changed band), or a CSM override was set, lifted or ended, so the account is
     * published; {@code segment} names the model that scored it, {@code override} is the override active after
     * it (null: none) and {@code expired} the override that ended at this moment (null unless one did).
     */
    record HealthUpdate(
            HealthAssessment assessment,
            Double previousScore,
            Band previousBand,
            String segment,
            CsmOverride override,
            CsmOverride expired)
            implements Outcome {
        /** An update of an account no CSM override holds. */
        public HealthUpdate(HealthAssessment assessment, Double previousScore, Band previousBand, String segment) {
            this(assessment, previousScore, previousBand, segment, null, null);
        }
    }

    /**
     * A churn rule fired; {@code cancellationReason} is set for CANCELLED, {@code overridden} when a CSM override
     * held the account as it fired (it fires all the same).
     */
    record ChurnAlert(
            SignalType type, String reason, String recommendedAction, String cancellationReason, boolean overridden)
            implements Outcome {
        /** A signal of an account no CSM override holds. */
        public ChurnAlert(SignalType type, String reason, String recommendedAction, String cancellationReason) {
            this(type, reason, recommendedAction, cancellationReason, false);
        }

        ChurnAlert whileOverridden() {
            return new ChurnAlert(type, reason, recommendedAction, cancellationReason, true);
        }
    }

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
