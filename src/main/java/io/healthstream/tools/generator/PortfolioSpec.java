package io.healthstream.tools.generator;

import java.time.Duration;
import java.time.Instant;

/**
 * What to simulate: how many accounts over how many days, ending when, from which seed. The same
 * spec always yields the same events.
 */
public record PortfolioSpec(int accounts, int days, long seed, Instant end) {
    public PortfolioSpec {
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be at least 1, got " + accounts);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
    }

    /** Event time of the first simulated day's start. */
    public Instant start() {
        return end.minus(Duration.ofDays(days));
    }

    /** Event time at which simulated day {@code day} (0-based) starts. */
    Instant dayStart(int day) {
        return start().plus(Duration.ofDays(day));
    }
}
