package io.healthstream.serde;

import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format records: the writer schema comes from the registry by the id in the
 * frame; the reader schema is the target class's, or the writer schema itself for generic records.
 * Each record is resolved on its own with Avro's schema resolution (defaults filled in, unknown fields
 * dropped), so a newer writer schema that added an enum symbol still reads every record that uses an
 * old symbol; only a record that really cannot be read fails, naming the field. Bad bytes always raise
 * a {@link SerializationException} that says what was wrong.
 */
final class AvroDeserializer<T> implements Deserializer<T> {
    private final SchemaRegistryClient registry;
    private final GenericData model;
    /** Null for generic records, which are read with their writer schema. */
    private final Schema readerSchema;

    private final BoundedCache<Integer, GenericDatumReader<T>> readersBySchemaId;

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
        GenericDatumReader<T> reader = readersBySchemaId.get(schemaId, id -> newReader(id, topic));
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
        } catch (AvroTypeException e) {
            throw unresolvable(payload, schemaId, topic, reader.getSchema(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Malformed Avro payload with schema id " + schemaId + " on topic " + topic + ": " + e, e);
        }
    }

    /** A record the reader's schema cannot take: named by the field at fault when it can be told. */
    private SerializationException unresolvable(
            byte[] payload, int schemaId, String topic, Schema writerSchema, AvroTypeException e) {
        if (readerSchema == null) {
            return new SerializationException(
                    "Malformed Avro payload with schema id " + schemaId + " on topic " + topic + ": " + e, e);
        }
        String problem = UnreadableValue.describe(payload, ConfluentWireFormat.HEADER_SIZE, writerSchema, readerSchema)
                .orElse(e.getMessage());
        return new SerializationException(
                "Schema id " + schemaId + " (" + writerSchema.getFullName() + ") on topic " + topic
                        + " cannot be read as " + readerSchema.getFullName() + ": " + problem,
                e);
    }

    @SuppressWarnings("unchecked")
    private GenericDatumReader<T> newReader(int schemaId, String topic) {
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            String problem = e.isNotFound() ? "Unknown schema id " : "Could not fetch schema id ";
            throw new SerializationException(problem + schemaId + " on topic " + topic + ": " + e.getMessage(), e);
        }
        // No whole-schema compatibility check: resolution decides record by record (see the class comment).
        return (GenericDatumReader<T>)
                model.createDatumReader(writerSchema, readerSchema == null ? writerSchema : readerSchema);
    }
}
