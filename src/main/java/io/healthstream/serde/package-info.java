/**
 * Avro serdes in Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro binary)
 * and the schema registry they rely on.
 *
 * <p>{@link io.healthstream.serde.AvroSerdes} is the entry point: built once from
 * {@link io.healthstream.serde.SchemaRegistryConfig} (keys {@code schema.registry.url},
 * {@code basic.auth.user.info}, {@code auto.register.schemas}, ...), it hands out key and value
 * serdes that share one cached registry client. The URL selects the client: {@code http(s)://} talks
 * to any Confluent-compatible registry through {@link io.healthstream.serde.RestSchemaRegistryClient};
 * {@code mock://<scope>} uses an in-process {@link io.healthstream.serde.InMemorySchemaRegistry} from
 * {@link io.healthstream.serde.MockSchemaRegistry}. {@link io.healthstream.tools.registry.EmbeddedSchemaRegistry}
 * serves the same in-memory registry over HTTP for the demo and for tests.
 */
package io.healthstream.serde;
