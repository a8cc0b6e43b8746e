package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.testdata.Events;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.testsupport.Waits;
import io.healthstream.topology.testdata.KpiExpectations;
import io.healthstream.topology.testdata.RandomPortfolio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Portfolio KPIs do not depend on how the input is partitioned: a generated portfolio, keyed by
 * account id over three partitions per input topic, streamed by a real KafkaStreams instance with
 * exactly-once, gives the same {@code final} records as the batch calculation.
 */
class PortfolioKpiPartitionsIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String SCOPE = PortfolioKpiPartitionsIT.class.getSimpleName();
    private static final int INPUT_PARTITIONS = 3;
    private static final int ACCOUNTS = 90;
    /** Every account logs in once more after June's grace, so every partition's clock passes it. */
    private static final Instant CLOSING_LOGIN = Instant.parse("2026-07-04T00:00:00Z");
    /** The batch calculation covers January to June. */
    private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String APPLICATION_ID = "kpi-partitions-it";

    private final AvroSerdes serdes =
            AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + SCOPE));
    private KafkaStreams streams;

    @AfterEach
    void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    @DisplayName("final KPIs over three input partitions equal the batch calculation field by field")
    void finalKpisOverThreeInputPartitionsEqualTheBatchCalculation() throws Exception {
        List<SpecificRecord> events = new ArrayList<>(RandomPortfolio.generate(20_260_101L, ACCOUNTS));
        for (int account = 0; account < ACCOUNTS; account++) {
            events.add(Events.usage()
                    .id("u-closing-" + account)
                    .account("acc-" + account)
                    .user("user-0")
                    .at(CLOSING_LOGIN)
                    .action("login")
                    .avro());
        }
        Map<String, PortfolioKpis> expected = KpiExpectations.batch(events);
        createTopics();

        Settings settings = settings();
        RecordingListener listener = new RecordingListener();
        // History first, then the app, as in a replay: Kafka Streams then reads each task's four input partitions in
        // timestamp order (max.task.idle.ms=0 waits for data already on the broker), and only the partitions differ.
        publish(events);
        streams = new KafkaStreams(
                HealthTopology.build(settings.topology(), serdes::valueSerde, listener), settings.streamsProperties());
        streams.start();
        Map<String, PortfolioKpis> finals = readFinals(expected.size());
        streams.close(Duration.ofSeconds(10)); // the listener is written by the stream thread

        // Before the watermark, a partition running ahead made the KPI processor drop the others' events as late.
        assertThat(listener.late).as("records counted late").isEmpty();
        assertThat(finals.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, want) -> KpiExpectations.assertSameFields(key, finals.get(key), want));
    }

    private static Settings settings() throws Exception {
        Map<String, String> values = new HashMap<>(KpiExpectations.SETTINGS);
        values.put("application.id", APPLICATION_ID);
        values.put("bootstrap.servers", KAFKA.bootstrapServers());
        values.put("schema.registry.url", MockSchemaRegistry.SCHEME + SCOPE);
        values.put("input.partitions", String.valueOf(INPUT_PARTITIONS));
        values.put("kafka." + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        values.put(
                "kafka." + StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kpi-it-")
                        .toString());
        return Settings.of(values);
    }

    private static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            Topics.INPUTS.forEach(topic -> topics.add(new NewTopic(topic, INPUT_PARTITIONS, (short) 1)));
            Topics.OUTPUTS.forEach(topic -> topics.add(new NewTopic(topic, 1, (short) 1)));
            topics.add(new NewTopic(Topics.DEAD_LETTER, 1, (short) 1));
            // The engine creates this one in its preflight; the global store needs it before the threads start.
            topics.add(new NewTopic(HealthTopology.segmentChurnTopic(APPLICATION_ID), 1, (short) 1));
            admin.createTopics(topics).all().get();
        }
    }

    /** Each event to its type's topic, keyed by account id, in arrival order. */
    @SuppressWarnings("unchecked")
    private void publish(List<SpecificRecord> events) throws Exception {
        Map<String, Object> config = AvroPublisher.producerConfig(KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (SpecificRecord event : events) {
                String topic = HealthTopology.INPUT_TYPES.entrySet().stream()
                        .filter(entry -> entry.getValue().isInstance(event))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
                Serializer<SpecificRecord> serializer = (Serializer<SpecificRecord>)
                        serdes.valueSerde(HealthTopology.INPUT_TYPES.get(topic)).serializer();
                GenericRecord fields = (GenericRecord) event;
                producer.send(new ProducerRecord<>(
                        topic,
                        null,
                        ((Instant) fields.get("occurred_at")).toEpochMilli(),
                        fields.get("account_id").toString(),
                        serializer.serialize(topic, event)));
            }
            producer.flush();
        }
    }

    /** Committed final records of saas-kpis, until {@code expected} of them have arrived or the deadline passes. */
    private Map<String, PortfolioKpis> readFinals(int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, SCOPE);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, PortfolioKpis> finals = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SAAS_KPIS));
            Waits.pollUntil(
                    consumer,
                    DEADLINE,
                    record -> {
                        PortfolioKpis kpis = serdes.valueSerde(PortfolioKpis.class)
                                .deserializer()
                                .deserialize(Topics.SAAS_KPIS, record.value());
                        if (kpis.getFinal$() && kpis.getPeriodStart().isBefore(JULY)) {
                            assertThat(finals.put(record.key(), kpis))
                                    .as("second final for " + record.key())
                                    .isNull();
                        }
                    },
                    () -> finals.size() >= expected);
        }
        return finals;
    }
}
