package io.healthstream.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the event's {@code occurred_at}, not when it reached Kafka, so windows and
 * out-of-order handling follow what happened. An occurred_at that cannot be an event time (before
 * 1970, or further ahead of the wall clock than {@code input.max-future-skew}) must not move any clock,
 * and neither must a record that is no event (a tombstone): such a record keeps its partition's current
 * time, and {@link InputValidator} dead-letters it. A negative timestamp would make Kafka Streams drop the
 * record without a word, so none is ever returned.
 */
public final class EventTimeExtractor implements TimestampExtractor {
    private final Duration maxFutureSkew;
    private final LongSupplier wallClock;

    public EventTimeExtractor(Duration maxFutureSkew) {
        this(maxFutureSkew, System::currentTimeMillis);
    }

    EventTimeExtractor(Duration maxFutureSkew, LongSupplier wallClock) {
        this.maxFutureSkew = maxFutureSkew;
        this.wallClock = wallClock;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Instant occurredAt = occurredAt(record.value());
        if (occurredAt != null && plausible(occurredAt)) {
            return occurredAt.toEpochMilli();
        }
        // Not an event at all (a tombstone, say) or an implausible time: the validator dead-letters it. Its
        // Kafka timestamp is when it was sent, which would move stream time to now and fire every account's
        // time-based rules early.
        return Math.max(partitionTime, 0);
    }

    private boolean plausible(Instant occurredAt) {
        return occurredAt.toEpochMilli() >= 0
                && occurredAt.toEpochMilli() <= wallClock.getAsLong() + maxFutureSkew.toMillis();
    }

    static Instant occurredAt(Object value) {
        if (value instanceof SpecificRecord record) {
            var field = record.getSchema().getField(EventFields.time(record.getSchema()));
            if (field != null && record.get(field.pos()) instanceof Instant at) {
                return at;
            }
        }
        return null;
    }
}
