package io.healthstream.topology;

import java.util.Map;
import org.apache.kafka.common.Configurable;

/**
 * What the three exception handlers share: the dead-letter builder, configured from the Streams
 * configuration they are created with (where the {@link DeadLetterListener} travels).
 */
abstract class DeadLetteringHandler implements Configurable {
    private DeadLetterRecords deadLetters = DeadLetterRecords.from(Map.of());

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.from(configs);
    }

    DeadLetterRecords deadLetters() {
        return deadLetters;
    }
}
