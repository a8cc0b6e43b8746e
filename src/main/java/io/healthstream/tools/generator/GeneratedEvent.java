package io.healthstream.tools.generator;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event of the synthetic portfolio, ready to publish.
 *
 * @param topic      input topic it belongs to
 * @param key        record key: the account id (empty for the deliberately invalid "missing account id")
 * @param value      the Avro event
 * @param occurredAt its event time
 */
public record GeneratedEvent(String topic, String key, SpecificRecord value, Instant occurredAt) {}
