package io.healthstream.topology;

import io.healthstream.app.Settings;
import io.healthstream.replay.Replayer;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.Outcome;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The health topology on a TopologyTestDriver with a scoped mock registry, wall clock starting at
 * {@code start}, and recorders for what it tells its listeners. Close it after each test.
 */
final class TopologyFixture implements AutoCloseable {
    final TopologyTestDriver driver;
    final RecordingListener listener = new RecordingListener();
    final List<String> deadLettered = new ArrayList<>();
    private final String scope;
    private final AvroSerdes serdes;

    TopologyFixture(Map<String, String> settings, Instant start, Path stateDir) {
        scope = "topology-test-" + System.nanoTime();
        serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + scope));
        Settings config = Settings.of(settings);
        Properties properties = config.streamsProperties();
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.putAll(Replayer.TEST_DRIVER_OVERRIDES);
        DeadLetterListener.attach(properties, (DeadLetterListener) (topic, reason) -> deadLettered.add(reason));
        driver = new TopologyTestDriver(HealthTopology.build(config.topology(), serdes::valueSerde, listener),
                properties, start);
    }

    void pipe(SpecificRecord event) {
        String topic = topicOf(event);
        inputOf(topic, event).pipeInput(EventMapper.accountId(event), event);
    }

    /** Pipes {@code event} under {@code key} with the record timestamp {@code timestamp}, whatever its own fields say. */
    void pipe(String key, SpecificRecord event, Instant timestamp) {
        inputOf(topicOf(event), event).pipeInput(key, event, timestamp);
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> TestInputTopic<String, T> inputOf(String topic, T event) {
        Class<T> type = (Class<T>) event.getClass();
        return driver.createInputTopic(topic, new StringSerializer(), serdes.valueSerde(type).serializer());
    }

    TestInputTopic<String, byte[]> rawInput(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    <T extends SpecificRecord> TestOutputTopic<String, T> output(String topic, Class<T> type) {
        return driver.createOutputTopic(topic, new StringDeserializer(), serdes.valueSerde(type).deserializer());
    }

    TestOutputTopic<String, byte[]> deadLetters() {
        return driver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
    }

    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    private static String topicOf(SpecificRecord event) {
        if (event instanceof SubscriptionEvent) {
            return Topics.SUBSCRIPTION_EVENTS;
        }
        if (event instanceof UsageEvent) {
            return Topics.USAGE_EVENTS;
        }
        if (event instanceof NpsResponse) {
            return Topics.NPS_RESPONSES;
        }
        if (event instanceof SupportTicketEvent) {
            return Topics.SUPPORT_TICKETS;
        }
        throw new IllegalArgumentException("not an input event: " + event.getClass());
    }

    @Override
    public void close() {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }

    /** Remembers what the topology reported, per topic. */
    static final class RecordingListener implements ProcessingListener {
        final List<String> consumed = new ArrayList<>();
        final List<String> duplicates = new ArrayList<>();
        final List<String> late = new ArrayList<>();
        final List<String> emitted = new ArrayList<>();

        @Override
        public void consumed(String topic) {
            consumed.add(topic);
        }

        @Override
        public void duplicate(String topic) {
            duplicates.add(topic);
        }

        @Override
        public void late(String topic) {
            late.add(topic);
        }

        @Override
        public void published(Outcome outcome, long latencyMillis) {
            emitted.add(Topics.of(outcome));
        }
    }
}
