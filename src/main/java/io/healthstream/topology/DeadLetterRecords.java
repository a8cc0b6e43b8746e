package io.healthstream.topology;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.nio.charset.StandardCharsets;

/**
 * Builds the dead-letter record for a bad input: the original key and value bytes, with headers that
 * say what was wrong and where the record came from. Header names follow Kafka Streams' own
 * dead-letter queue (KIP-1034) plus {@value #REASON} for a short, countable reason code.
 */
public final class DeadLetterRecords {
    public static final String REASON = "healthstream.error.reason";
    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    /** Configuration key under which the app passes a {@link DeadLetterListener} to the handlers. */
    public static final String LISTENER_CONFIG = "healthstream.dead-letter.listener";

    private DeadLetterRecords() {
    }

    static ProducerRecord<byte[], byte[]> build(ErrorHandlerContext context, byte[] key, byte[] value, String reason,
                                                 Exception exception) {
        Headers headers = new RecordHeaders();
        add(headers, REASON, reason);
        add(headers, EXCEPTION, exception.getClass().getName());
        add(headers, MESSAGE, String.valueOf(exception.getMessage()));
        add(headers, TOPIC, context.topic());
        add(headers, PARTITION, Integer.toString(context.partition()));
        add(headers, OFFSET, Long.toString(context.offset()));
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, context.timestamp(), key, value, headers);
    }

    static DeadLetterListener listenerFrom(java.util.Map<String, ?> configs) {
        Object listener = configs.get(LISTENER_CONFIG);
        return listener instanceof DeadLetterListener l ? l : DeadLetterListener.NONE;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
