package io.healthstream.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's framing: byte 0 is the magic byte 0, bytes 1-4 the big-endian schema id, then Avro binary. */
final class ConfluentWireFormat {
    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 1 + Integer.BYTES;

    private ConfluentWireFormat() {}

    static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** The schema id of a framed payload, after checking the frame. */
    static int schemaId(byte[] payload, String topic) {
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("Payload of " + payload.length + " bytes on topic " + topic
                    + " is too short for the Confluent wire format: expected at least " + HEADER_SIZE
                    + " bytes (magic byte 0 and a 4-byte schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + payload[0] + " on topic " + topic + ": expected "
                    + MAGIC_BYTE + " (Confluent wire format)");
        }
        return ByteBuffer.wrap(payload, 1, Integer.BYTES).getInt();
    }
}
