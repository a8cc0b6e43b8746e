package io.healthstream.scoring;

/** Churn rules, with how urgent each is and how soon a CSM should respond. */
public enum SignalType {
    RED_BAND_ENTERED(Urgency.CRITICAL, 24),
    NPS_DETRACTOR(Urgency.HIGH, 24),
    PAYMENT_FAILED(Urgency.HIGH, 48),
    CANCELLED(Urgency.CRITICAL, 24),
    USAGE_DROP(Urgency.HIGH, 72),
    INACTIVE(Urgency.HIGH, 72),
    ONBOARDING_STALLED(Urgency.MEDIUM, 72);

    private final Urgency urgency;
    private final int respondWithinHours;

    SignalType(Urgency urgency, int respondWithinHours) {
        this.urgency = urgency;
        this.respondWithinHours = respondWithinHours;
    }

    public Urgency urgency() {
        return urgency;
    }

    public int respondWithinHours() {
        return respondWithinHours;
    }

    /** Signal severities. */
    public enum Urgency {
        CRITICAL,
        HIGH,
        MEDIUM
    }
}
