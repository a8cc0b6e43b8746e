package io.healthstream.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.time.Instant;

/**
 * Event time is the event's {@code occurred_at}, not when it reached Kafka, so windows and
 * out-of-order handling follow what happened. Falls back to the record timestamp for anything else.
 */
public final class OccurredAtTimestampExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof SpecificRecord value) {
            var field = value.getSchema().getField("occurred_at");
            // A negative time would make Kafka Streams drop the record silently; the validator dead-letters it instead.
            if (field != null && value.get(field.pos()) instanceof Instant occurredAt && occurredAt.toEpochMilli() >= 0) {
                return occurredAt.toEpochMilli();
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
