package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.testdata.Events;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.HealthstreamApp;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.testsupport.LogCapture;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.GuardedClientSupplier;
import io.healthstream.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 1 of issue 13 on a real broker: topics are created with the retention the model needs, and
 * input records deleted before the engine read them are reported (one WARN, a counter), not skipped
 * without a word; and looking that up does not make the main consumer's partitions look caught up.
 */
class RetentionGapIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final TopicPartition USAGE = new TopicPartition(Topics.USAGE_EVENTS, 0);

    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    @DisplayName("topics keep what the model needs, and records deleted before they were read are logged and counted")
    void recordsDeletedBeforeTheyWereReadAreReported(@TempDir Path work) throws Exception {
        Settings settings = Settings.of(
                Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "schema.registry.url", registry.url()));
        try (Admin admin = ClusterPreflight.admin(settings)) {
            TopicProvisioner.createAll(admin, Optional.of(1), Optional.of((short) 1), settings.topicRetention());
            assertThat(retentionMs(admin, Topics.USAGE_EVENTS))
                    .isEqualTo(Duration.ofDays(91).toMillis());
            assertThat(retentionMs(admin, Topics.ACCOUNT_HEALTH))
                    .isEqualTo(Duration.ofDays(91).toMillis());
            assertThat(retentionMs(admin, Topics.DEAD_LETTER))
                    .isEqualTo(Duration.ofDays(30).toMillis());

            publishUsage(0, 5);
            try (HealthstreamApp first = start(work.resolve("first"))) {
                await().atMost(DEADLINE).until(() -> metric(first, "healthstream_events_consumed_total") == 5);
            }
            publishUsage(5, 15);
            long logStart = admin.deleteRecords(Map.of(USAGE, RecordsToDelete.beforeOffset(12)))
                    .lowWatermarks()
                    .get(USAGE)
                    .get()
                    .lowWatermark();
            assertThat(logStart).isEqualTo(12);

            try (LogCapture logs = LogCapture.start();
                    HealthstreamApp second = start(work.resolve("second"))) {
                await().atMost(DEADLINE).until(() -> metric(second, "healthstream_events_consumed_total") == 3);
                assertThat(metric(second, "healthstream_input_records_skipped_by_retention_total"))
                        .isEqualTo(7);
                assertThat(logs.lines())
                        .filteredOn(line -> line.startsWith("WARN") && line.contains("deleted by retention"))
                        .containsExactly("WARN " + "io.healthstream.topology.GapReportingConsumer - usage-events-0:"
                                + " offsets 5 to 11 were deleted by retention before healthstream read them; 7 records"
                                + " skipped, processing goes on from offset 12. Keep input topics longer"
                                + " (topics.input.retention.days)");
            }
            // A new application on the same topic never read offsets 0 to 11 either.
            try (HealthstreamApp fresh = start(work.resolve("fresh"), "retention-gap-it-fresh")) {
                await().atMost(DEADLINE)
                        .until(() -> metric(fresh, "healthstream_input_records_skipped_by_retention_total") == 12);
            }
        }
    }

    @Test
    @DisplayName("the retention check at a first start leaves the records waiting on the broker counted in the lag")
    void retentionCheckKeepsTheLagTrue() {
        TopicPartition partition = new TopicPartition("retention-check-lag", 0);
        AvroPublisher.createTopics(KAFKA.bootstrapServers(), 1, List.of(partition.topic()));
        int waiting = 20;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                AvroPublisher.producerConfig(KAFKA.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < waiting; i++) {
                producer.send(new ProducerRecord<>(partition.topic(), new byte[] {(byte) i}));
            }
        }
        // As Kafka Streams configures and drives its main consumer under exactly-once.
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "retention-check-lag",
                ConsumerConfig.CLIENT_ID_CONFIG, "retention-check-lag-consumer",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (Consumer<byte[], byte[]> consumer = new GuardedClientSupplier().getConsumer(config)) {
            consumer.assign(List.of(partition));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(NoOffsetForPartitionException.class);
            consumer.seekToBeginning(List.of(partition));
            assertThat(consumer.position(partition)).isZero();

            // Lag 0 here made Streams take the partition for caught up and process other topics without it.
            assertThat(consumer.currentLag(partition))
                    .as("lag of a partition with %d records waiting, before its first fetch", waiting)
                    .isIn(OptionalLong.empty(), OptionalLong.of(waiting));
        }
    }

    private HealthstreamApp start(Path stateDir) {
        return start(stateDir, "retention-gap-it");
    }

    private HealthstreamApp start(Path stateDir, String applicationId) {
        HealthstreamApp app = HealthstreamApp.start(
                KAFKA.bootstrapServers(), registry.url(), stateDir, Map.of("application.id", applicationId));
        app.awaitRunning(DEADLINE);
        return app;
    }

    /** Usage events {@code from} (inclusive) to {@code to} (exclusive), an hour apart, ending well before now. */
    private static void publishUsage(int from, int to) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
        try (AvroPublisher publisher = new AvroPublisher(
                KAFKA.bootstrapServers(), AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())))) {
            for (int i = from; i < to; i++) {
                publisher.publish(
                        Topics.USAGE_EVENTS,
                        "acc-1",
                        Events.usage()
                                .account("acc-1")
                                .id("u-" + i)
                                .at(start.plus(Duration.ofHours(i)))
                                .avro());
            }
        }
    }

    private static long retentionMs(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
        return Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
    }

    /** The usage-events series of a counter, as the instance's /metrics shows it. */
    private static long metric(HealthstreamApp app, String name) {
        String prefix = name + "{topic=\"" + Topics.USAGE_EVENTS + "\"} ";
        List<String> lines = HttpCalls.get(app.baseUrl() + "/metrics")
                .body()
                .lines()
                .filter(line -> line.startsWith(prefix))
                .toList();
        return lines.isEmpty() ? -1 : (long) Double.parseDouble(lines.get(0).substring(prefix.length()));
    }
}
