package io.healthstream.serde;

import org.apache.avro.Schema;

/**
 * The operations of a Confluent-compatible schema registry that the serdes and the tests use.
 * Failures are reported as {@link SchemaRegistryException}.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (or finds it already there) and returns its id. */
    int register(String subject, Schema schema);

    /** Finds the version of the subject that holds exactly this schema. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The schema with this registry-wide id. */
    Schema schemaById(int id);

    /** The latest version registered under the subject. */
    RegisteredSchema latest(String subject);

    /** Whether the schema could be registered as the next version of the subject. */
    boolean isCompatible(String subject, Schema schema);

    /** Sets the compatibility level enforced for one subject. */
    void setCompatibility(String subject, CompatibilityLevel level);
}
