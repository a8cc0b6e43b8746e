package io.healthstream.scoring;

import java.time.Duration;
import java.time.Instant;

/** The spans a CSM looks back over: the last day and the last week before a moment, that moment included. */
public enum RecentWindow {
    LAST_DAY(Duration.ofDays(1)),
    LAST_WEEK(Duration.ofDays(7));

    private final Duration span;

    RecentWindow(Duration span) {
        this.span = span;
    }

    public Duration span() {
        return span;
    }

    /** True when {@code at} lies in the window ending at {@code end}: after its start, not after its end. */
    public boolean contains(Instant at, Instant end) {
        return !at.isAfter(end) && at.isAfter(end.minus(span));
    }
}
