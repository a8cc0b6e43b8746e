package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthstream.app.Settings;
import io.healthstream.metrics.HealthMetrics;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against a real broker under {@code exactly_once_v2}, with healthstream's Streams settings: output
 * records the producer or broker would refuse (too large, stamped two days ahead) and an input record
 * too large to dead-letter as it is all end up in {@code healthstream-dlq} with their reason, are
 * counted, and the instance stays RUNNING and keeps producing. A test-only topology stands in for the
 * engine, its processor turning marked values into unsendable records.
 */
class UnsendableRecordsIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String INPUT = "orders";
    private static final String OUTPUT = "shipped";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int OVERSIZED_BYTES = 2_000_000;
    private static final int ONE_MIB = 1024 * 1024;

    private static final HealthMetrics METRICS = new HealthMetrics();
    private static final List<KafkaStreams.State> STATES = new CopyOnWriteArrayList<>();
    private static KafkaStreams streams;

    @BeforeAll
    static void startTheEngine() throws Exception {
        AvroPublisher.createTopics(KAFKA.bootstrapServers(), 1, List.of(INPUT, OUTPUT, Topics.DEAD_LETTER));
        Map<String, String> values = new HashMap<>();
        values.put("application.id", "unsendable-records-it");
        values.put("bootstrap.servers", KAFKA.bootstrapServers());
        values.put("kafka." + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        values.put(
                "kafka." + StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "unsendable-it-")
                        .toString());
        var properties = Settings.of(values).streamsProperties();
        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        DeadLetterListener.attach(properties, METRICS);
        streams = new KafkaStreams(markedRecordsTopology(), properties);
        streams.setStateListener((newState, oldState) -> STATES.add(newState));
        streams.start();
        await("the instance to run").atMost(DEADLINE).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    static void stopTheEngine() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
        METRICS.close();
    }

    @Test
    @DisplayName("an output record over max.request.size is dead-lettered cut to size; the next record still goes out")
    void anOversizedOutputRecordIsDeadLetteredCutToSize() throws Exception {
        send("too-large-1", "too-large", "too-large-2", "fine");

        ConsumerRecord<byte[], byte[]> dead = deadLetterWithReason("output-too-large");
        assertThat(header(dead.headers(), DeadLetterRecords.TRUNCATED)).isEqualTo(Integer.toString(OVERSIZED_BYTES));
        assertThat(header(dead.headers(), DeadLetterRecords.OUTPUT_TOPIC)).isEqualTo(OUTPUT);
        assertThat(header(dead.headers(), DeadLetterRecords.TOPIC)).isEqualTo(INPUT);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("too-large-1");
        assertThat(dead.value().length).isBetween(ONE_MIB - 4 * 1024, ONE_MIB);
        assertStillRunningAndOutputArrivesFor("too-large-2");
        assertCounted("output-too-large");
    }

    @Test
    @DisplayName("an output record stamped two days ahead is dead-lettered instead of being refused by the broker")
    void anOutputRecordStampedTooFarAheadIsDeadLettered() throws Exception {
        send("future-1", "future", "future-2", "fine");

        ConsumerRecord<byte[], byte[]> dead = deadLetterWithReason("output-invalid-timestamp");
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("future-1");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("future");
        assertThat(header(dead.headers(), DeadLetterRecords.MESSAGE)).contains("ahead");
        assertThat(Instant.ofEpochMilli(dead.timestamp()))
                .as("stamped when dead-lettered")
                .isBefore(Instant.now().plus(Duration.ofMinutes(1)));
        assertStillRunningAndOutputArrivesFor("future-2");
        assertCounted("output-invalid-timestamp");
    }

    @Test
    @DisplayName("an invalid input record with a 1 MB key and a 1 MB value reaches the DLQ, both cut to size")
    void aOneMegabyteInvalidInputRecordReachesTheDeadLetterTopicCutToSize() throws Exception {
        String hugeAccountId = "a".repeat(ONE_MIB);
        // Compressed, the 2 MB record fits the input topic; uncompressed, as the engine writes dead letters, it would
        // not.
        Map<String, Object> config = new HashMap<>(AvroPublisher.producerConfig(KAFKA.bootstrapServers()));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * ONE_MIB);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(INPUT, hugeAccountId, "invalid:" + hugeAccountId))
                    .get();
        }
        send("invalid-2", "fine");

        ConsumerRecord<byte[], byte[]> dead = deadLetterWithReason("missing-event-id");
        assertThat(header(dead.headers(), DeadLetterRecords.KEY_TRUNCATED)).isEqualTo(Integer.toString(ONE_MIB));
        assertThat(header(dead.headers(), DeadLetterRecords.TRUNCATED)).isEqualTo(Integer.toString(ONE_MIB + 8));
        assertThat(dead.key().length + dead.value().length).isBetween(ONE_MIB - 4 * 1024, ONE_MIB);
        assertStillRunningAndOutputArrivesFor("invalid-2");
        assertCounted("missing-event-id");
    }

    /** Forwards values as they are, except the marked ones. */
    private static Topology markedRecordsTopology() {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), INPUT);
        topology.addProcessor("marks", MarkedRecords::new, "in");
        topology.addSink("out", OUTPUT, new StringSerializer(), new StringSerializer(), "marks");
        return topology;
    }

    private static final class MarkedRecords implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            if ("too-large".equals(record.value())) {
                context.forward(record.withValue("x".repeat(OVERSIZED_BYTES)));
            } else if ("future".equals(record.value())) {
                context.forward(record.withTimestamp(
                        Instant.now().plus(Duration.ofDays(2)).toEpochMilli()));
            } else if (record.value().startsWith("invalid:")) {
                throw new InvalidEventException(
                        "missing-event-id", "event_id is missing (account " + record.key() + ")");
            } else {
                context.forward(record);
            }
        }
    }

    /** Sends key-value pairs to the input topic, in order. */
    private static void send(String... keysAndValues) throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                AvroPublisher.producerConfig(KAFKA.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                producer.send(new ProducerRecord<>(INPUT, keysAndValues[i], keysAndValues[i + 1]))
                        .get();
            }
        }
    }

    private static ConsumerRecord<byte[], byte[]> deadLetterWithReason(String reason) {
        return awaitRecord(
                Topics.DEAD_LETTER,
                "a dead letter with reason " + reason,
                record -> reason.equals(header(record.headers(), DeadLetterRecords.REASON)));
    }

    private static void assertStillRunningAndOutputArrivesFor(String key) {
        awaitRecord(
                OUTPUT, "output for " + key, record -> key.equals(new String(record.key(), StandardCharsets.UTF_8)));
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(STATES)
                .as("states since start")
                .doesNotContain(KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR);
    }

    private static void assertCounted(String reason) {
        assertThat(METRICS.scrape())
                .contains("healthstream_dlq_records_total{reason=\"" + reason + "\",topic=\"" + INPUT + "\"} 1.0");
    }

    /** The first committed record of {@code topic} matching {@code wanted}, waiting for it. */
    private static ConsumerRecord<byte[], byte[]> awaitRecord(
            String topic, String what, Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                4 * ONE_MIB);
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await(what).atMost(DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static String header(Headers headers, String name) {
        return headers.lastHeader(name) == null
                ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
