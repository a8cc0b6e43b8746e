package io.healthstream.scoring;

import java.time.Instant;

/** A support ticket changed stage. */
public record TicketUpdate(String eventId, Instant occurredAt, String ticketId, TicketStage stage, Priority priority)
        implements AccountEvent {
    @Override
    public EventSource source() {
        return EventSource.TICKET;
    }
}
