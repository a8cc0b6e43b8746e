package io.healthstream.topology;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Told whenever the input's consumer position jumps past records the broker deleted before they were
 * read, so it can be counted. It travels to {@link GuardedClientSupplier} in the main consumer's part of
 * the Streams configuration, as {@link DeadLetterListener} travels to the exception handlers.
 */
@FunctionalInterface
public interface RetentionGapListener {
    /** The consumer configuration key under which the listener travels. */
    String CONFIG = "healthstream.retention-gap.listener";

    RetentionGapListener NONE = (topic, skipped) -> {};

    void skippedByRetention(String topic, long skipped);

    /** Hands {@code listener} to the main consumer that Streams will create from {@code streamsConfig}. */
    static void attach(Map<Object, Object> streamsConfig, RetentionGapListener listener) {
        streamsConfig.put(StreamsConfig.mainConsumerPrefix(CONFIG), listener);
    }

    /** The listener in a consumer's configuration, or {@link #NONE}. */
    static RetentionGapListener of(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof RetentionGapListener listener ? listener : NONE;
    }
}
