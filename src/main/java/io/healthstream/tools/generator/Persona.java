package io.healthstream.tools.generator;

/** The story an account follows over the simulated period, with its share of the portfolio. */
public enum Persona {
    /** Steady use, the odd low-priority ticket and quick payment recovery, passives and promoters. */
    HEALTHY(0.38),
    /** Usage slides, urgent tickets pile up, detractor answers, a failed payment, then a cancellation. */
    DECLINING(0.15),
    /** Stays, but downgrades, removes seats or cancels an add-on. */
    CONTRACTING(0.12),
    /** Uses more and more, invites colleagues, buys seats and add-ons: a power user. */
    EXPANDING(0.13),
    /** Keeps paying but stops using the product. */
    GOING_SILENT(0.05),
    /** A trial that completes onboarding and converts to a paid plan. */
    TRIAL_CONVERTING(0.10),
    /** A trial that stalls during onboarding and expires. */
    TRIAL_EXPIRING(0.07);

    private final double share;

    Persona(double share) {
        this.share = share;
    }

    /** Fraction of the portfolio that follows this story. */
    public double share() {
        return share;
    }

    boolean isTrial() {
        return this == TRIAL_CONVERTING || this == TRIAL_EXPIRING;
    }
}
