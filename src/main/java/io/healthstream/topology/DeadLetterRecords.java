package io.healthstream.topology;

import io.healthstream.serde.UrlUserInfo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and counts dead-letter records for the error handlers: the original key and value bytes,
 * with headers that say what was wrong and where the record came from. Header names follow Kafka
 * Streams' own dead-letter queue (KIP-1034) plus {@value #REASON} for a short, countable reason code.
 *
 * <p>Every handler works with and without a current record: during punctuation Kafka Streams hands
 * the handlers a context whose topic is null and whose partition and offset are -1; the headers and
 * the metric then name the source {@value #NO_SOURCE_TOPIC}.
 *
 * <p>A dead-letter record must itself be sendable: when key, value and headers would exceed
 * {@code max.request.size} less {@value #FRAMING_HEADROOM} bytes, the value (and if need be the
 * key) is cut to a prefix and {@value #TRUNCATED} (or {@value #KEY_TRUNCATED}) gives the original
 * size. A record that cannot be cut to size is skipped and counted as {@value #DLQ_UNSENDABLE}.
 */
public final class DeadLetterRecords {
    public static final String REASON = "healthstream.error.reason";
    /** The original size in bytes of a value cut to a prefix to fit the dead-letter topic. */
    public static final String TRUNCATED = "healthstream.error.truncated";
    /** The original size in bytes of a key cut to a prefix to fit the dead-letter topic. */
    public static final String KEY_TRUNCATED = "healthstream.error.key.truncated";
    /** For an output record that could not be sent: the topic it was meant for. */
    public static final String OUTPUT_TOPIC = "healthstream.error.output.topic";
    /** The timestamp (epoch ms) of the record being processed; the dead letter itself is stamped when written. */
    public static final String SOURCE_TIMESTAMP = "healthstream.error.timestamp";

    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    /** Source topic named in headers and metrics when there is no current record (punctuation). */
    public static final String NO_SOURCE_TOPIC = "punctuation";
    /** Reason counted for a dead letter that could not be built small enough to send; it is skipped. */
    public static final String DLQ_UNSENDABLE = "dlq-unsendable";

    /** Kafka's producer default for {@code max.request.size}, used when none is configured. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
    /** Left free below {@code max.request.size} for the record batch and record framing. */
    static final int FRAMING_HEADROOM = 1024;
    /** Exception messages can quote the bad data; the header keeps this many characters. */
    static final int MAX_MESSAGE_CHARS = 1000;
    /** Bytes a record takes beyond key, value and headers, at most: batch header (61) and varints. */
    static final int RECORD_OVERHEAD = 100;
    /** Bytes a header takes beyond its name and value, at most: two varints. */
    static final int HEADER_OVERHEAD = 10;
    /** Digits of the largest size a truncation header can carry. */
    private static final int SIZE_DIGITS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecords.class);

    private final DeadLetterListener listener;
    private final int maxRecordBytes;

    DeadLetterRecords(DeadLetterListener listener, int maxRequestSize) {
        this.listener = listener;
        this.maxRecordBytes = Math.max(0, maxRequestSize - FRAMING_HEADROOM);
    }

    /** The listener and {@code max.request.size} (or {@code producer.max.request.size}) from a handler's configs. */
    static DeadLetterRecords from(Map<String, ?> configs) {
        return new DeadLetterRecords(DeadLetterListener.of(configs), maxRequestSize(configs));
    }

    /** The producer's {@code max.request.size}: the prefixed key wins, as in Kafka Streams. */
    static int maxRequestSize(Map<String, ?> configs) {
        Object value = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (value == null) {
            value = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        if (value == null) {
            return DEFAULT_MAX_REQUEST_SIZE;
        }
        try {
            return value instanceof Number n
                    ? n.intValue()
                    : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_REQUEST_SIZE; // Kafka's own config validation reports it when the producer starts
        }
    }

    /** The largest dead-letter record, by {@link #estimatedSize}, this builder will produce. */
    int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** The context's topic, or {@value #NO_SOURCE_TOPIC} when there is no current record. */
    static String sourceTopic(ErrorHandlerContext context) {
        return context.topic() == null ? NO_SOURCE_TOPIC : context.topic();
    }

    /** Where the failing record came from, for a log line: {@code usage-events-0@12}, or {@value #NO_SOURCE_TOPIC}. */
    static String describeSource(ErrorHandlerContext context) {
        return context.topic() == null
                ? NO_SOURCE_TOPIC
                : context.topic() + "-" + context.partition() + "@" + context.offset();
    }

    /**
     * Counts the dead letter under {@code metricTopic} and {@code reason} and returns it, cut to size, as
     * the one record to hand back to Kafka Streams; or counts {@value #DLQ_UNSENDABLE} and returns
     * nothing when it cannot be cut to size. Never throws.
     */
    List<ProducerRecord<byte[], byte[]>> deadLetter(
            ErrorHandlerContext context,
            String metricTopic,
            byte[] key,
            byte[] value,
            String reason,
            Exception exception,
            String outputTopic) {
        ProducerRecord<byte[], byte[]> record = build(context, key, value, reason, exception, outputTopic);
        if (record == null) {
            LOG.error(
                    "Dead letter for {} ({}) cannot be made smaller than {} bytes; skipped",
                    metricTopic,
                    reason,
                    maxRecordBytes);
            count(metricTopic, DLQ_UNSENDABLE);
            return List.of();
        }
        count(metricTopic, reason);
        return List.of(record);
    }

    /** Tells the listener; a failing listener is logged, never allowed to fail the handler. */
    void count(String metricTopic, String reason) {
        try {
            listener.deadLettered(metricTopic == null ? NO_SOURCE_TOPIC : metricTopic, reason);
        } catch (RuntimeException e) {
            LOG.error("Dead-letter listener failed for {} ({})", metricTopic, reason, e);
        }
    }

    /** The dead-letter record, cut to {@link #maxRecordBytes()}, or null when even the headers do not fit. */
    ProducerRecord<byte[], byte[]> build(
            ErrorHandlerContext context,
            byte[] key,
            byte[] value,
            String reason,
            Exception exception,
            String outputTopic) {
        Headers headers = new RecordHeaders();
        add(headers, REASON, reason);
        add(headers, EXCEPTION, exception.getClass().getName());
        add(headers, MESSAGE, abbreviate(UrlUserInfo.redact(String.valueOf(exception.getMessage()))));
        add(headers, TOPIC, sourceTopic(context));
        add(headers, PARTITION, Integer.toString(context.partition()));
        add(headers, OFFSET, Long.toString(context.offset()));
        if (context.timestamp() >= 0) {
            add(headers, SOURCE_TIMESTAMP, Long.toString(context.timestamp()));
        }
        if (outputTopic != null) {
            add(headers, OUTPUT_TOPIC, outputTopic);
        }
        // Room left for key and value once the headers, including the truncation headers that may follow, are in.
        long room = maxRecordBytes
                - estimatedSize(null, null, headers)
                - (2L * HEADER_OVERHEAD + TRUNCATED.length() + KEY_TRUNCATED.length() + 2 * SIZE_DIGITS);
        if (room < 0) {
            return null;
        }
        int keyLength = length(key);
        int valueLength = length(value);
        if ((long) keyLength + valueLength > room) {
            // The key is cut only when it alone would take more than half the room; the value gets the rest.
            int keyKept = (int) Math.min(keyLength, Math.max(room / 2, room - valueLength));
            if (keyKept < keyLength) {
                add(headers, KEY_TRUNCATED, Integer.toString(keyLength));
                key = Arrays.copyOf(key, keyKept);
            }
            int valueKept = (int) Math.min(valueLength, room - keyKept);
            if (valueKept < valueLength) {
                add(headers, TRUNCATED, Integer.toString(valueLength));
                value = Arrays.copyOf(value, valueKept);
            }
        }
        // No timestamp: the producer stamps the dead letter when it is written. The record's own time may be
        // what was wrong with it (out of the broker's range), and the topic's retention should count from now.
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, null, key, value, headers);
    }

    /**
     * An upper bound of the bytes a record takes in a produce request, the figure the producer compares
     * with {@code max.request.size}: key, value, header names and values, and framing.
     */
    static long estimatedSize(byte[] key, byte[] value, Iterable<Header> headers) {
        long size = RECORD_OVERHEAD + (long) length(key) + length(value);
        for (Header header : headers) {
            size += HEADER_OVERHEAD + header.key().getBytes(StandardCharsets.UTF_8).length + length(header.value());
        }
        return size;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static String abbreviate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
