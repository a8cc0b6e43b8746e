package io.healthstream.topology;

import static io.healthstream.topology.DeadLetterRecordsTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.replay.Replayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output record whose serializer throws is dead-lettered by healthstream's production exception
 * handler and the engine goes on: a test-only topology whose sink serializer refuses one marked value.
 */
class UnserializableOutputTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String POISON = "poison";

    @TempDir
    Path stateDir;

    private final List<String> deadLettered = new ArrayList<>();
    private TopologyTestDriver driver;

    @BeforeEach
    void start() {
        Properties properties = Settings.defaults().streamsProperties();
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.putAll(Replayer.TEST_DRIVER_OVERRIDES);
        properties.put(DeadLetterListener.CONFIG, (DeadLetterListener)
                (topic, reason) -> deadLettered.add(topic + ":" + reason));
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "orders");
        topology.addSink("out", "shipped", new StringSerializer(), new RefusingSerializer(), "in");
        driver = new TopologyTestDriver(topology, properties, T0);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    @DisplayName(
            "a value the serializer refuses goes to the dead-letter topic as its input record, and later records still go out")
    void aValueTheSerializerRefusesIsDeadLetteredAndLaterRecordsStillGoOut() {
        TestInputTopic<String, String> orders =
                driver.createInputTopic("orders", new StringSerializer(), new StringSerializer());
        orders.pipeInput("acc-1", POISON, T0);
        orders.pipeInput("acc-2", "fine", T0.plusSeconds(1));

        List<TestRecord<String, byte[]>> dead = driver.createOutputTopic(
                        Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(header(record.headers(), DeadLetterRecords.REASON)).isEqualTo("output-serialization-error");
            assertThat(header(record.headers(), DeadLetterRecords.OUTPUT_TOPIC)).isEqualTo("shipped");
            assertThat(header(record.headers(), DeadLetterRecords.TOPIC)).isEqualTo("orders");
            assertThat(header(record.headers(), DeadLetterRecords.OFFSET)).isEqualTo("0");
            assertThat(header(record.headers(), DeadLetterRecords.EXCEPTION))
                    .isEqualTo(SerializationException.class.getName());
            assertThat(record.key()).isEqualTo("acc-1");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(POISON);
        });
        assertThat(deadLettered).containsExactly("orders:output-serialization-error");
        assertThat(driver.createOutputTopic("shipped", new StringDeserializer(), new StringDeserializer())
                        .readValuesToList())
                .containsExactly("fine");
    }

    /** Serializes strings, except {@value #POISON}. */
    private static final class RefusingSerializer implements Serializer<String> {
        private final StringSerializer strings = new StringSerializer();

        @Override
        public byte[] serialize(String topic, String value) {
            if (POISON.equals(value)) {
                throw new SerializationException("cannot serialize " + value + " for " + topic);
            }
            return strings.serialize(topic, value);
        }
    }
}
