package io.healthstream.scoring.kpi;

import java.time.Instant;

/**
 * What one applied event (or the passing of time) did to an account, as the health engine's own
 * state saw it: the portfolio KPIs are built from these, never from a second copy of account state.
 * {@code at} is the event time, or the stream time of a re-evaluation; {@code facts} is null for
 * re-evaluations and ticket events, which move no KPI of a period, only the all-time band counts.
 */
public record AccountTransition(Instant at, AccountSnapshot before, AccountSnapshot after, PeriodFacts facts) {
    /** ISO 4217 "no currency": for accounts with no subscription event yet. */
    public static final String NO_CURRENCY = "XXX";

    /** The currency the account's facts are counted in: the latest known. */
    public String currency() {
        if (after.currency() != null) {
            return after.currency();
        }
        return before.currency() != null ? before.currency() : NO_CURRENCY;
    }

    public boolean hasPeriodFacts() {
        return facts != null;
    }

    /** True when the account's band or currency changed, which moves the all-time band counts. */
    public boolean movesBands() {
        return before.band() != after.band() || !java.util.Objects.equals(before.currency(), after.currency());
    }
}
