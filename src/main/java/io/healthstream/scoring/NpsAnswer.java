package io.healthstream.scoring;

import java.time.Instant;

/** One user's NPS survey answer (0-10). */
public record NpsAnswer(String eventId, Instant occurredAt, String userId, int score) implements AccountEvent {
    @Override
    public EventSource source() {
        return EventSource.NPS;
    }
}
