package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.avro.UsageEvent;
import io.healthstream.testdata.Events;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("bytes that are not a valid Confluent Avro record raise a SerializationException that says why")
class BadBytesTest {
    private static final String TOPIC = "usage-events";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerdes serdes = new AvroSerdes(registry, true, 100);
    private final Deserializer<UsageEvent> deserializer =
            serdes.valueSerde(UsageEvent.class).deserializer();

    @Test
    void wrongMagicByteIsNamed() {
        byte[] bytes = validBytes();
        bytes[0] = 7;

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 7 on topic usage-events: expected 0 (Confluent wire format)");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 4})
    void payloadShorterThanFiveBytesIsRejected(int length) {
        byte[] bytes = new byte[length];

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Payload of " + length + " bytes on topic usage-events is too short")
                .hasMessageContaining("expected at least 5 bytes");
    }

    @Test
    void unknownSchemaIdIsNamed() {
        byte[] bytes = validBytes();
        ByteBuffer.wrap(bytes).putInt(1, 4711);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown schema id 4711 on topic usage-events");
    }

    @Test
    void truncatedPayloadGivesClearSerializationException() {
        byte[] valid = validBytes();
        byte[] truncated = Arrays.copyOf(valid, valid.length - 10);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Truncated Avro payload with schema id");
    }

    @Test
    void garbageAfterAValidHeaderGivesClearSerializationException() {
        byte[] bytes = validBytes();
        Arrays.fill(bytes, ConfluentWireFormat.HEADER_SIZE, bytes.length, (byte) 0xFF);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Avro payload with schema id")
                .hasMessageContaining("on topic usage-events");
    }

    @Test
    void trailingBytesAfterTheRecordAreRejected() {
        byte[] valid = validBytes();
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("has trailing bytes after the record");
    }

    private byte[] validBytes() {
        return serdes.valueSerde(UsageEvent.class)
                .serializer()
                .serialize(TOPIC, Events.usageWithEveryField().avro());
    }
}
