package io.healthstream.scoring;

import java.time.Instant;

/** Something users of the account did {@code count} times; {@code onboardingStep} set for onboarding actions. */
public record UsageActivity(
        String eventId, Instant occurredAt, String userId, String action, int count, String onboardingStep)
        implements AccountEvent {
    @Override
    public EventSource source() {
        return EventSource.USAGE;
    }
}
