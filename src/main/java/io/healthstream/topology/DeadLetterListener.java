package io.healthstream.topology;

import java.util.Map;

/**
 * Told about every record sent to the dead-letter topic, so it can be counted by reason.
 *
 * <p>How it reaches the handlers: Kafka Streams 4.4 creates the deserialization, processing and production
 * exception handlers itself, from their class names, and hands them nothing but the configuration map
 * ({@code configure(Map)}); it takes no handler instances. So the listener travels in that map under
 * {@link #CONFIG}: {@link #attach} puts it there, {@link #of} reads it back, and nothing else touches the key.
 */
@FunctionalInterface
public interface DeadLetterListener {
    /** The Streams configuration key under which the listener travels to the handlers. */
    String CONFIG = "healthstream.dead-letter.listener";

    DeadLetterListener NONE = (topic, reason) -> {};

    void deadLettered(String sourceTopic, String reason);

    /** Hands {@code listener} to the exception handlers that Streams will create from {@code streamsConfig}. */
    static void attach(Map<Object, Object> streamsConfig, DeadLetterListener listener) {
        streamsConfig.put(CONFIG, listener);
    }

    /** The listener attached to a handler's configuration, or {@link #NONE}. */
    static DeadLetterListener of(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetterListener listener ? listener : NONE;
    }
}
