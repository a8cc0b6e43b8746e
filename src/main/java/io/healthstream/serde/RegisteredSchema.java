package io.healthstream.serde;

import org.apache.avro.Schema;

/**
 * One version of a subject: the answer to "latest version" and "is this schema registered" lookups.
 *
 * @param subject the subject, e.g. {@code usage-events-value}
 * @param version the version within the subject, starting at 1
 * @param id      the registry-wide schema id written into every record
 * @param schema  the Avro schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
