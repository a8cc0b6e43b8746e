package io.healthstream.serde;

import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.io.input.UnsynchronizedByteArrayInputStream;
import org.apache.commons.io.output.UnsynchronizedByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes for the engine's own contracts (state stores, their changelogs, the KPI repartition topic) in
 * Avro's single-object encoding: a 2-byte marker, the 8-byte fingerprint of the writer schema, then Avro
 * binary. No schema registry is involved, so stored state never references a registry id and an instance
 * restores and runs its state whatever the registry knows or whether it answers. A release that changes
 * one of these schemas adds the released versions to the decoder ({@link BinaryMessageDecoder#addSchema}),
 * so state written by the previous release still reads.
 */
public final class SingleObjectSerde {
    /**
     * Each thread's encoding buffer, reused. Avro's encoder writes its output byte by byte, and into its own buffer,
     * a synchronized ByteArrayOutputStream, every byte took a lock: half the time of encoding an account.
     */
    private static final ThreadLocal<UnsynchronizedByteArrayOutputStream> BUFFER = ThreadLocal.withInitial(() ->
            UnsynchronizedByteArrayOutputStream.builder().setBufferSize(4096).get());

    private SingleObjectSerde() {}

    /** The serde of a generated Avro class, with its logical-type conversions. */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, schema);
        Serializer<T> serializer = (topic, value) -> value == null ? null : encode(encoder, value, topic);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : decode(decoder, bytes, schema, topic);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static <T> byte[] encode(BinaryMessageEncoder<T> encoder, T value, String topic) {
        try {
            UnsynchronizedByteArrayOutputStream buffer = BUFFER.get();
            buffer.reset();
            encoder.encode(value, buffer);
            return buffer.toByteArray();
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("Cannot write " + value.getClass().getName() + " for " + topic, e);
        }
    }

    private static <T> T decode(BinaryMessageDecoder<T> decoder, byte[] bytes, Schema schema, String topic) {
        try {
            // Read byte by byte too: from a synchronized ByteArrayInputStream, each byte took a lock.
            return decoder.decode(UnsynchronizedByteArrayInputStream.builder()
                    .setByteArray(bytes)
                    .get());
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException(
                    "Cannot read " + schema.getFullName() + " from " + topic + " (" + e.getMessage()
                            + "): it was not written by this release of healthstream; reset the application and"
                            + " reprocess (README, \"State stores\")",
                    e);
        }
    }
}
