package io.healthstream.backtest;

import java.time.Instant;

/** A cancellation or a reactivation from the export's subscription events: what churn is decided on. */
public record BillingMove(Instant at, Kind kind, long mrrBefore, long mrrAfter, String currency) {
    /** The two subscription event types that decide churn. */
    public enum Kind {
        CANCELLED,
        REACTIVATED
    }

    /** A reactivation the account pays for: one that undoes a cancellation. */
    boolean paidReactivation() {
        return kind == Kind.REACTIVATED && mrrAfter > 0;
    }
}
