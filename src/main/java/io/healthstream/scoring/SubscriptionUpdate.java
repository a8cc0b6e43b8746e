package io.healthstream.scoring;

import java.time.Instant;

/**
 * A subscription or billing change; money in minor units of {@code currency}. {@code segment}: the
 * customer segment attribute the billing service tags the account with, or null to keep the earlier one.
 */
public record SubscriptionUpdate(
        String eventId,
        Instant occurredAt,
        SubscriptionChange change,
        String plan,
        int seats,
        long mrrBefore,
        long mrrAfter,
        String currency,
        String addon,
        String cancellationReason,
        String segment)
        implements AccountEvent {
    @Override
    public EventSource source() {
        return EventSource.SUBSCRIPTION;
    }
}
