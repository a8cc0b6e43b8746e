package io.healthstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselinesTest {
    private static final List<String> INPUTS = List.of("usage-events", "nps-responses");

    @TempDir
    Path stateDir;

    @Test
    @DisplayName("pass-through writes every record of every input unchanged")
    void passThroughCopiesEveryRecord() {
        try (TopologyTestDriver driver = driver(Baselines.passThrough(INPUTS, "out"))) {
            input(driver, "usage-events").pipeInput(bytes("acc-1"), bytes("u1"));
            input(driver, "nps-responses").pipeInput(bytes("acc-2"), bytes("n1"));

            List<TestRecord<byte[], byte[]>> out = output(driver).readRecordsToList();
            assertThat(out).extracting(r -> text(r.value())).containsExactly("u1", "n1");
            assertThat(out).extracting(r -> text(r.key())).containsExactly("acc-1", "acc-2");
        }
    }

    @Test
    @DisplayName("minimal stateful reads, increments and writes its key's count, and forwards it once per record")
    void minimalStatefulCountsPerKey() {
        try (TopologyTestDriver driver = driver(Baselines.minimalStateful(INPUTS, "out"))) {
            input(driver, "usage-events").pipeInput(bytes("acc-1"), bytes("u1"));
            input(driver, "usage-events").pipeInput(bytes("acc-1"), bytes("u2"));
            input(driver, "nps-responses").pipeInput(bytes("acc-2"), bytes("n1"));
            input(driver, "nps-responses").pipeInput(bytes("acc-1"), bytes("n2"));

            assertThat(output(driver).readValuesToList())
                    .extracting(count -> ByteBuffer.wrap(count).getLong())
                    .containsExactly(1L, 2L, 1L, 3L);
        }
    }

    private TopologyTestDriver driver(Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "baselines-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(topology, props);
    }

    private static TestInputTopic<byte[], byte[]> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static TestOutputTopic<byte[], byte[]> output(TopologyTestDriver driver) {
        return driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
