package io.healthstream.api;

import io.healthstream.avro.HealthOverride;

/** Where the override endpoints send a CSM's command: Kafka's {@code health-overrides} topic, in the engine. */
@FunctionalInterface
public interface OverrideWriter {
    /**
     * Returns only once {@code command} is durably written.
     *
     * @throws RuntimeException when it was not (the caller may send it again)
     */
    void write(HealthOverride command);
}
