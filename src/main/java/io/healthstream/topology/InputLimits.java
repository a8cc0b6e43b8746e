package io.healthstream.topology;

import io.healthstream.scoring.CsmOverride;
import java.time.Duration;

/**
 * What an input event may look like before it is dead-lettered: how far its occurred_at may run ahead
 * of the wall clock ({@code input.max-future-skew}), how long an id may be ({@code input.max-id-length})
 * and how long free text may be before it is cut ({@code input.max-text-length}); and how late an event
 * may arrive and still count before the time-based re-evaluations of its account
 * ({@code input.allowed-lateness}); and how long a CSM override may last ({@code overrides.max-days}).
 */
public record InputLimits(
        Duration maxFutureSkew, int maxIdLength, int maxTextLength, Duration allowedLateness, Duration maxOverride) {
    public static final InputLimits DEFAULTS =
            new InputLimits(Duration.ofHours(1), 128, 1000, Duration.ofHours(1), CsmOverride.DEFAULT_MAX_DURATION);
}
