package io.healthstream.topology;

import static io.healthstream.topology.DeadLetterRecordsTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.metrics.HealthMetrics;
import io.healthstream.replay.Replayer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error inside a punctuator, where there is no current record, is dead-lettered and counted like
 * any other, and the engine goes on: a test-only topology whose wall-clock punctuator throws, on the
 * test driver with healthstream's Streams settings and its real metrics.
 */
class PunctuationDeadLetterTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    @TempDir
    Path stateDir;

    private final HealthMetrics metrics = new HealthMetrics();
    private TopologyTestDriver driver;

    @BeforeEach
    void start() {
        Properties properties = Settings.defaults().streamsProperties();
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.putAll(Replayer.TEST_DRIVER_OVERRIDES);
        DeadLetterListener.attach(properties, metrics);
        driver = new TopologyTestDriver(failingPunctuatorTopology(), properties, T0);
    }

    @AfterEach
    void stop() {
        driver.close();
        metrics.close();
    }

    @Test
    @DisplayName("a punctuator that throws is dead-lettered from 'punctuation', counted, and processing goes on")
    void aThrowingPunctuatorIsDeadLetteredAndCountedAndTheEngineGoesOn() {
        driver.advanceWallClockTime(INTERVAL);
        input().pipeInput("acc-1", "still processed", T0.plusSeconds(61));
        driver.advanceWallClockTime(INTERVAL);

        List<TestRecord<String, byte[]>> dead = deadLetters().readRecordsToList();
        assertThat(dead).hasSize(2).allSatisfy(record -> {
            assertThat(header(record.headers(), DeadLetterRecords.REASON)).isEqualTo("processing-error");
            assertThat(header(record.headers(), DeadLetterRecords.TOPIC)).isEqualTo("punctuation");
            assertThat(header(record.headers(), DeadLetterRecords.PARTITION)).isEqualTo("-1");
            assertThat(header(record.headers(), DeadLetterRecords.OFFSET)).isEqualTo("-1");
            assertThat(header(record.headers(), DeadLetterRecords.MESSAGE)).isEqualTo("tick failed");
            assertThat(record.key()).isNull();
            assertThat(record.value()).isNull();
        });
        assertThat(output().readValuesToList()).containsExactly("still processed");
        assertThat(metrics.scrape())
                .contains("healthstream_dlq_records_total{reason=\"processing-error\",topic=\"punctuation\"} 2.0");
    }

    private static Topology failingPunctuatorTopology() {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "ticks");
        topology.addProcessor("ticker", FailingTicker::new, "in");
        topology.addSink("out", "ticked", new StringSerializer(), new StringSerializer(), "ticker");
        return topology;
    }

    /** Forwards each record; its wall-clock punctuator always throws. */
    private static final class FailingTicker implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            context.schedule(INTERVAL, PunctuationType.WALL_CLOCK_TIME, timestamp -> {
                throw new IllegalStateException("tick failed");
            });
        }

        @Override
        public void process(Record<String, String> record) {
            context.forward(record);
        }
    }

    private TestInputTopic<String, String> input() {
        return driver.createInputTopic("ticks", new StringSerializer(), new StringSerializer());
    }

    private TestOutputTopic<String, String> output() {
        return driver.createOutputTopic("ticked", new StringDeserializer(), new StringDeserializer());
    }

    private TestOutputTopic<String, byte[]> deadLetters() {
        return driver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
