package io.healthstream.api;

import java.time.Clock;
import java.time.Duration;

/**
 * What the override endpoints need: where commands go, how long an override may last
 * ({@code overrides.max-days}) and the clock that stamps created_at.
 */
public record OverrideConfig(OverrideWriter writer, Duration maxDuration, Clock clock) {
    /** Writes are off (no {@code http.auth.write-token}): the router refuses them before they get here. */
    public static OverrideConfig writesOff(Duration maxDuration) {
        return new OverrideConfig(
                command -> {
                    throw new IllegalStateException("writes are turned off");
                },
                maxDuration,
                Clock.systemUTC());
    }
}
