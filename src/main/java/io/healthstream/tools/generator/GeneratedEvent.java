package io.healthstream.tools.generator;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One event of the synthetic portfolio, ready to publish.
 *
 * @param topic      input topic it belongs to
 * @param key        record key: the account id (empty for the deliberately invalid "missing account id")
 * @param value      the Avro event
 * @param occurredAt its event time
 */
public record GeneratedEvent(String topic, String key, SpecificRecord value, Instant occurredAt) {
    /**
     * This event as if it happened live at {@code now}: occurred_at and the record time set to {@code now}, and
     * its event id prefixed with {@code live-}, since a simulation's ids repeat for the same accounts and the
     * engine would drop the event as a duplicate of the history.
     */
    public GeneratedEvent live(Instant now) {
        SpecificRecordBase record = (SpecificRecordBase) value;
        record.put("occurred_at", now);
        record.put("event_id", "live-" + record.get("event_id"));
        return new GeneratedEvent(topic, key, record, now);
    }
}
