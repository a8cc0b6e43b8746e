package io.healthstream.scoring.intake;

import io.healthstream.scoring.EventSource;
import io.healthstream.scoring.Outcome;
import java.time.Instant;

/**
 * One thing the model decided, as of {@code asOf} (event time), and what caused it: the event
 * ({@code source} and {@code eventId}) or, when both are null, the passing of time.
 */
public record Decision(Instant asOf, EventSource source, String eventId, Outcome outcome) {

    public boolean byTime() {
        return eventId == null;
    }
}
