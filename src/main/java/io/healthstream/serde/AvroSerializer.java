package io.healthstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records in the Confluent wire format under the subject {@link TopicNameStrategy} names,
 * registering the record's schema first when auto-registration is on.
 */
final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {
    private final SchemaRegistryClient registry;
    private final GenericData model;
    private final boolean isKey;
    private final boolean autoRegister;

    AvroSerializer(SchemaRegistryClient registry, GenericData model, boolean isKey, boolean autoRegister) {
        this.registry = registry;
        this.model = model;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        int schemaId = schemaId(TopicNameStrategy.subject(topic, isKey), schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ConfluentWireFormat.header(schemaId));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        @SuppressWarnings("unchecked")
        DatumWriter<T> writer = (DatumWriter<T>) model.createDatumWriter(schema);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot write " + schema.getFullName() + " as Avro for topic " + topic + ": "
                            + (e.getMessage() == null ? e.toString() : e.getMessage()),
                    e);
        }
        return out.toByteArray();
    }

    /** The id of {@code schema} under {@code subject}: registered, or looked up with auto-registration off. */
    int schemaId(String subject, Schema schema) {
        try {
            return autoRegister
                    ? registry.register(subject, schema)
                    : registry.lookup(subject, schema).id();
        } catch (SchemaRegistryException e) {
            if (!autoRegister && e.isNotFound()) {
                throw new SerializationException(
                        "Schema " + schema.getFullName() + " is not registered under subject "
                                + subject + " and " + SchemaRegistryConfig.AUTO_REGISTER_SCHEMAS + " is false: "
                                + e.getMessage(),
                        e);
            }
            throw new SerializationException(
                    "Schema registry failed for subject " + subject + " (" + schema.getFullName() + "): "
                            + e.getMessage(),
                    e);
        }
    }
}
