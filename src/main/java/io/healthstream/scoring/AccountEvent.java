package io.healthstream.scoring;

import java.time.Instant;

/** An input event about one account, already validated, in domain terms. */
public sealed interface AccountEvent
        permits SubscriptionUpdate, UsageActivity, NpsAnswer, TicketUpdate, OverrideCommand {
    String eventId();

    Instant occurredAt();

    EventSource source();
}
