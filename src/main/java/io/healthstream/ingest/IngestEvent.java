package io.healthstream.ingest;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** One record to produce: its input topic, key (the account id), timestamp (occurred_at, epoch ms) and value. */
record IngestEvent(String topic, String key, long timestamp, SpecificRecord value) {
    static IngestEvent of(String topic, String account, Instant occurredAt, SpecificRecord value) {
        return new IngestEvent(topic, account, occurredAt.toEpochMilli(), value);
    }
}
