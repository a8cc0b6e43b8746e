package io.healthstream.scoring;

import java.time.Duration;
import java.time.Instant;

/**
 * A CSM's manual override active on an account: the band the CSM holds it at (the band of the pinned
 * {@code score}, when one was pinned), why, who, and when it ends by itself. It is shown beside the
 * computed score, never instead of it.
 */
public record CsmOverride(String overrideId, Band band, Double score, String reason, String author, Instant expiresAt) {
    /** How long an override may last unless {@code overrides.max-days} says otherwise. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofDays(90);
    /** The highest score a CSM may pin: well into THRIVING, as high as usage far beyond the plan takes a score. */
    public static final double MAX_PINNED_SCORE = 150;

    /** Whether the override has ended by {@code now}, the account's own time: it ends exactly at expiresAt. */
    public boolean expiredBy(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
