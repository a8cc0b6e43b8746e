package io.healthstream.topology;

import java.util.Map;
import org.apache.kafka.common.Configurable;

/**
 * What the three exception handlers share: the dead-letter builder and the rate-limited log,
 * configured from the Streams configuration they are created with (where the {@link DeadLetterListener}
 * and the {@link DeadLetterLog} travel).
 */
abstract class DeadLetteringHandler implements Configurable {
    private DeadLetterRecords deadLetters = DeadLetterRecords.from(Map.of());
    private DeadLetterLog log = DeadLetterLog.of(Map.of());

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.from(configs);
        log = DeadLetterLog.of(configs);
    }

    DeadLetterRecords deadLetters() {
        return deadLetters;
    }

    /** Whether this dead letter is logged, or only counted in the next summary line. */
    boolean logs(String reason) {
        return log.admit(reason);
    }
}
