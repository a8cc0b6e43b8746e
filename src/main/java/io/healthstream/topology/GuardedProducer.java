package io.healthstream.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * The Streams producer, with the records that the producer or the broker would refuse turned away
 * before they reach it: larger than {@code max.request.size} (the producer's own check), or stamped
 * further ahead than {@value #TIMESTAMP_AFTER_MAX_MS} (1 h, the Kafka 4 broker default) or further
 * back than {@value #TIMESTAMP_BEFORE_MAX_MS} (unbounded by default), less a minute for clock skew.
 *
 * <p>Why: under {@code exactly_once_v2} any failed send, even one the producer refuses itself, puts the
 * transaction into an abortable error state. The production exception handler is still asked, but
 * its dead letter then cannot be sent ("Cannot execute transactional method because we are in an
 * error state"), the transaction aborts and the stream thread dies; on restart the same record
 * fails again. A refused record here never touches the transaction: the send callback gets the same
 * exception the producer would have given ({@link RecordTooLargeException},
 * {@link InvalidTimestampException}), on the stream thread, and Kafka Streams hands it to
 * {@link UnsendableRecordHandler}, whose dead letter goes out in the healthy transaction.
 *
 * <p>The size is estimated from above, so the guard refuses a little earlier than the producer would.
 * A topic whose own {@code max.message.bytes} or timestamp limits are stricter than these can still
 * refuse records at the broker; set {@code kafka.message.timestamp.after.max.ms} (and {@code before})
 * to the topics' values, and keep {@code max.request.size} no larger than their {@code max.message.bytes}.
 */
public final class GuardedProducer implements Producer<byte[], byte[]> {
    /** The broker and topic setting mirrored here; read from the client configuration when given. */
    public static final String TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";

    public static final String TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    static final long DEFAULT_TIMESTAMP_AFTER_MAX_MS = Duration.ofHours(1).toMillis();
    /** Refuse this much earlier than the broker would, in case its clock is behind ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

    private final Producer<byte[], byte[]> delegate;
    private final long maxRecordBytes;
    private final long timestampAfterMaxMs;
    private final long timestampBeforeMaxMs;
    private final Clock clock;

    GuardedProducer(Producer<byte[], byte[]> delegate, Map<String, ?> config, Clock clock) {
        this.delegate = delegate;
        this.maxRecordBytes = Math.min(
                DeadLetterRecords.maxRequestSize(config),
                longValue(config, ProducerConfig.BUFFER_MEMORY_CONFIG, DEFAULT_BUFFER_MEMORY));
        this.timestampAfterMaxMs = longValue(config, TIMESTAMP_AFTER_MAX_MS, DEFAULT_TIMESTAMP_AFTER_MAX_MS);
        this.timestampBeforeMaxMs = longValue(config, TIMESTAMP_BEFORE_MAX_MS, Long.MAX_VALUE);
        this.clock = clock;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        ApiException refusal = refusal(record);
        if (refusal == null) {
            return delegate.send(record, callback);
        }
        // As KafkaProducer does for a record it refuses itself: the callback first, then a failed future.
        if (callback != null) {
            TopicPartition partition =
                    new TopicPartition(record.topic(), record.partition() == null ? -1 : record.partition());
            callback.onCompletion(new RecordMetadata(partition, -1, -1, -1, -1, -1), refusal);
        }
        return CompletableFuture.failedFuture(refusal);
    }

    /** Why the producer or the broker would refuse {@code record}, or null when it would not. */
    ApiException refusal(ProducerRecord<byte[], byte[]> record) {
        long size = DeadLetterRecords.estimatedSize(record.key(), record.value(), record.headers());
        if (size > maxRecordBytes) {
            return new RecordTooLargeException("The record to " + record.topic() + " is about " + size
                    + " bytes, more than the " + maxRecordBytes + " that max.request.size and buffer.memory allow");
        }
        Long timestamp = record.timestamp();
        if (timestamp == null) {
            return null; // the producer stamps it now
        }
        long now = clock.millis();
        long skew = CLOCK_SKEW.toMillis();
        if (timestamp - now > timestampAfterMaxMs - skew) {
            return new InvalidTimestampException("Timestamp " + Instant.ofEpochMilli(timestamp) + " of the record to "
                    + record.topic() + " is more than " + TIMESTAMP_AFTER_MAX_MS + "=" + timestampAfterMaxMs
                    + " ahead of now (" + Instant.ofEpochMilli(now) + "); the broker would refuse it");
        }
        if (timestampBeforeMaxMs != Long.MAX_VALUE && now - timestamp > timestampBeforeMaxMs - skew) {
            return new InvalidTimestampException("Timestamp " + Instant.ofEpochMilli(timestamp) + " of the record to "
                    + record.topic() + " is more than " + TIMESTAMP_BEFORE_MAX_MS + "=" + timestampBeforeMaxMs
                    + " behind now (" + Instant.ofEpochMilli(now) + "); the broker would refuse it");
        }
        return null;
    }

    private static long longValue(Map<String, ?> config, String key, long otherwise) {
        Object value = config.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return value instanceof Number n
                    ? n.longValue()
                    : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
        }
    }

    @Override
    public void initTransactions() {
        delegate.initTransactions();
    }

    @Override
    public void beginTransaction() {
        delegate.beginTransaction();
    }

    @Override
    public void sendOffsetsToTransaction(
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
        delegate.sendOffsetsToTransaction(offsets, groupMetadata);
    }

    @Override
    public void commitTransaction() {
        delegate.commitTransaction();
    }

    @Override
    public void abortTransaction() {
        delegate.abortTransaction();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        delegate.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        delegate.unregisterMetricFromSubscription(metric);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return delegate.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return delegate.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return delegate.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void close(Duration timeout) {
        delegate.close(timeout);
    }
}
