package io.healthstream.scoring;

/** Where an account stands with billing, as driven by its subscription events. */
public enum BillingStatus {
    /** Nothing known yet. */
    NONE,
    TRIAL,
    ACTIVE,
    PAST_DUE,
    CANCELLED;

    /** The status after {@code change}; plan, seat and add-on changes leave it alone. */
    public BillingStatus after(SubscriptionChange change) {
        return switch (change) {
            case TRIAL_STARTED -> TRIAL;
            case TRIAL_CONVERTED, SUBSCRIPTION_STARTED, REACTIVATED, PAYMENT_SUCCEEDED, RENEWED -> ACTIVE;
            case TRIAL_EXPIRED, CANCELLED -> CANCELLED;
            case PAYMENT_FAILED -> PAST_DUE;
            // A plan change on an account we have not seen start implies a paid subscription.
            default -> this == NONE ? ACTIVE : this;
        };
    }

    /** Billing component score of this status. */
    public double score(ModelConfig.BillingRules rules) {
        return switch (this) {
            case NONE, ACTIVE -> rules.active();
            case TRIAL -> rules.trial();
            case PAST_DUE -> rules.pastDue();
            case CANCELLED -> rules.cancelled();
        };
    }
}
