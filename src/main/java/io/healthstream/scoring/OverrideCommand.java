package io.healthstream.scoring;

import java.time.Instant;

/**
 * A CSM sets or lifts a manual override of an account's band: {@code eventId} is the override id,
 * {@code occurredAt} when the CSM gave the command. A SET names either a {@code band} or a
 * {@code pinnedScore} (the other null) and an {@code expiresAt}; a LIFT names neither.
 */
public record OverrideCommand(
        String eventId,
        Instant occurredAt,
        boolean lift,
        Band band,
        Double pinnedScore,
        String reason,
        String author,
        Instant expiresAt)
        implements AccountEvent {

    /** Sets an override of the band, or of the score when {@code pinnedScore} is not null. */
    public static OverrideCommand set(
            String id, Instant at, Band band, Double pinnedScore, String reason, String author, Instant expiresAt) {
        return new OverrideCommand(id, at, false, band, pinnedScore, reason, author, expiresAt);
    }

    /** Lifts the account's override, whichever it is. */
    public static OverrideCommand lift(String id, Instant at, String reason, String author) {
        return new OverrideCommand(id, at, true, null, null, reason, author, null);
    }

    @Override
    public EventSource source() {
        return EventSource.OVERRIDE;
    }
}
