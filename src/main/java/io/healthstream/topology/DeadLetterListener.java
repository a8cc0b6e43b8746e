package io.healthstream.topology;

/** Told about every record sent to the dead-letter topic, so it can be counted by reason. */
@FunctionalInterface
public interface DeadLetterListener {
    void deadLettered(String sourceTopic, String reason);

    DeadLetterListener NONE = (topic, reason) -> {
    };
}
