package io.healthstream.scoring;

/** Kinds of subscription events (mirrors the SubscriptionEvent contract's type). */
public enum SubscriptionChange {
    TRIAL_STARTED,
    TRIAL_CONVERTED,
    TRIAL_EXPIRED,
    SUBSCRIPTION_STARTED,
    PLAN_UPGRADED,
    PLAN_DOWNGRADED,
    SEATS_ADDED,
    SEATS_REMOVED,
    ADDON_ADDED,
    ADDON_REMOVED,
    RENEWED,
    PAYMENT_FAILED,
    PAYMENT_SUCCEEDED,
    CANCELLED,
    REACTIVATED;

    /** The contraction this change is, or null: a cancellation is churn, not contraction. */
    public ContractionType contraction() {
        return switch (this) {
            case PLAN_DOWNGRADED -> ContractionType.DOWNGRADE;
            case SEATS_REMOVED -> ContractionType.SEATS_REDUCED;
            case ADDON_REMOVED -> ContractionType.ADDON_CANCELLED;
            default -> null;
        };
    }
}
