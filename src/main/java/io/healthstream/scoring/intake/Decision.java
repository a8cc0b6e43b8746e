package io.healthstream.scoring.intake;

import io.healthstream.scoring.EventSource;
import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.kpi.AccountSnapshot;
import java.time.Instant;

/**
 * One thing the model decided, as of {@code asOf} (event time), and what caused it: the event
 * ({@code source} and {@code eventId}) or, when both are null, the passing of time; {@code account} is the
 * account's standing as of then, which its lifetime value is worked out from.
 */
public record Decision(Instant asOf, EventSource source, String eventId, Outcome outcome, AccountSnapshot account) {

    public boolean byTime() {
        return eventId == null;
    }
}
