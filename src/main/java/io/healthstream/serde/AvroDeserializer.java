package io.healthstream.serde;

import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format records: the writer schema comes from the registry by the id in the
 * frame; the reader schema is the target class's (Avro schema resolution fills defaults and drops
 * unknown fields), or the writer schema itself for generic records. Bad bytes always raise a
 * {@link SerializationException} that says what was wrong.
 */
final class AvroDeserializer<T> implements Deserializer<T> {
    private final SchemaRegistryClient registry;
    private final GenericData model;
    /** Null for generic records, which are read with their writer schema. */
    private final Schema readerSchema;

    private final BoundedCache<Integer, DatumReader<T>> readersBySchemaId;

    AvroDeserializer(SchemaRegistryClient registry, GenericData model, Schema readerSchema, int cacheCapacity) {
        this.registry = registry;
        this.model = model;
        this.readerSchema = readerSchema;
        this.readersBySchemaId = new BoundedCache<>(cacheCapacity);
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        int schemaId = ConfluentWireFormat.schemaId(payload, topic);
        DatumReader<T> reader = readersBySchemaId.get(schemaId, id -> newReader(id, topic));
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(
                        payload,
                        ConfluentWireFormat.HEADER_SIZE,
                        payload.length - ConfluentWireFormat.HEADER_SIZE,
                        null);
        try {
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("Avro payload with schema id " + schemaId + " on topic " + topic
                        + " has trailing bytes after the record: the payload is corrupt or the schema id is wrong");
            }
            return record;
        } catch (EOFException e) {
            throw new SerializationException(
                    "Truncated Avro payload with schema id " + schemaId + " on topic " + topic
                            + ": the bytes end before the record does",
                    e);
        } catch (SerializationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Malformed Avro payload with schema id " + schemaId + " on topic " + topic + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> newReader(int schemaId, String topic) {
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            String problem = e.isNotFound() ? "Unknown schema id " : "Could not fetch schema id ";
            throw new SerializationException(problem + schemaId + " on topic " + topic + ": " + e.getMessage(), e);
        }
        if (readerSchema == null) {
            return (DatumReader<T>) model.createDatumReader(writerSchema);
        }
        SchemaPairCompatibility resolution =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (resolution.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Schema id " + schemaId + " (" + writerSchema.getFullName()
                    + ") on topic " + topic + " cannot be read as " + readerSchema.getFullName() + ": "
                    + resolution.getDescription());
        }
        return (DatumReader<T>) model.createDatumReader(writerSchema, readerSchema);
    }
}
