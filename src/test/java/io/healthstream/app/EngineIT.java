package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.HealthBand;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.JsonAvro;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.DeadLetterRecords;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance contract on a real broker: the example portfolio, published as Avro through our
 * serde and the embedded registry over HTTP, processed by {@link Engine} with exactly-once,
 * yields on every output topic what the replay CLI yields for the same file: the same records, field
 * for field, in the same order for each account (see {@link ReplayComparison} for the one timing effect).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Path EXAMPLE_EVENTS = Path.of("examples/events.jsonl");
    private static final Path EXAMPLE_SETTINGS = Path.of("examples/healthstream.properties");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String WRITE_TOKEN = "engine-it-write-token-0123456789";

    /**
     * CSM overrides among the example's events: acc-2 held GREEN over its cancellation (a marked signal) until the
     * override expires; acc-3 pinned at 80, then lifted.
     */
    private static final List<String> OVERRIDES = List.of(
            "{\"topic\": \"health-overrides\", \"value\": {\"override_id\": \"o-1\", \"account_id\": \"acc-2\","
                    + " \"action\": \"SET\", \"band\": \"GREEN\", \"reason\": \"renewal in talks\", \"author\": \"csm-1\","
                    + " \"expires_at\": \"2026-03-15T00:00:00Z\", \"created_at\": \"2026-03-05T00:00:00Z\"}}",
            "{\"topic\": \"health-overrides\", \"value\": {\"override_id\": \"o-2\", \"account_id\": \"acc-3\","
                    + " \"action\": \"SET\", \"pinned_score\": 80, \"reason\": \"pilot\", \"author\": \"csm-2\","
                    + " \"expires_at\": \"2026-03-30T00:00:00Z\", \"created_at\": \"2026-03-02T00:00:00Z\"}}",
            "{\"topic\": \"health-overrides\", \"value\": {\"override_id\": \"o-3\", \"account_id\": \"acc-3\","
                    + " \"action\": \"LIFT\", \"reason\": \"pilot over\", \"author\": \"csm-2\","
                    + " \"created_at\": \"2026-03-04T00:00:00Z\"}}");

    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startRegistryAndCreateTopics() {
        registry = EmbeddedSchemaRegistry.start(0);
        try (Admin admin = ClusterPreflight.admin(Settings.of(Map.of("bootstrap.servers", KAFKA.bootstrapServers())))) {
            // The example events are months old: kept forever, or the broker would delete them by retention.
            TopicProvisioner.createAll(
                    admin,
                    Optional.of(1),
                    Optional.of((short) 1),
                    Settings.of(Map.of(TopicRetention.INPUT_DAYS, TopicRetention.FOREVER))
                            .topicRetention());
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    @Order(1)
    @DisplayName("every output topic on the real broker matches the replay of the same events")
    void liveOutputsMatchTheReplay(@TempDir Path work) throws Exception {
        Settings replayed = Settings.load(EXAMPLE_SETTINGS, Map.of());
        Path events = work.resolve("events.jsonl");
        Files.write(
                events,
                Stream.concat(Files.readAllLines(EXAMPLE_EVENTS, StandardCharsets.UTF_8).stream(), OVERRIDES.stream())
                        .toList(),
                StandardCharsets.UTF_8);
        ReplayComparison replay = ReplayComparison.replay(replayed, events, work.resolve("replay"));
        Settings settings = ReplayComparison.liveSettings(
                replayed, KAFKA.bootstrapServers(), registry.url(), "runner-it", work.resolve("state"));
        assertThat(settings.streamsProperties()).containsEntry("processing.guarantee", "exactly_once_v2");
        publishEvents(settings, events);

        try (Engine runner = Engine.start(settings)) {
            assertThat(runner.awaitState(KafkaStreams.State.RUNNING, DEADLINE)).isTrue();
            Map<String, List<ConsumerRecord<String, byte[]>>> live = readCommitted(settings, replay);

            for (String topic : ReplayComparison.ACCOUNT_TOPICS) {
                replay.assertMatches(topic, CommittedOutputs.asJson(topic, live.get(topic), registry.url()));
            }
            assertThat(replay.expected(Topics.ACCOUNT_HEALTH))
                    .as("the overrides were set, lifted and expired")
                    .anyMatch(health -> health.path("override").isObject())
                    .anyMatch(health -> health.path("override_expired").isObject());
            assertThat(replay.expected(Topics.CHURN_SIGNALS))
                    .anyMatch(signal -> signal.path("overridden").asBoolean());
            assertThat(live.get(Topics.DEAD_LETTER))
                    .extracting(EngineIT::reason)
                    .containsExactlyInAnyOrder("invalid-nps-score", "deserialization-error");
            assertThat(replay.expected(Topics.DEAD_LETTER))
                    .extracting(line -> line.get("reason").asText())
                    .containsExactlyInAnyOrder("invalid-nps-score", "malformed-line");
        }
    }

    /**
     * Runs after the replay comparison, whose accounts it must not add to: on the same broker, events arrive over
     * HTTP in each source's shape and come out as scores; a Stripe webhook sent twice is scored once.
     */
    @Test
    @Order(2)
    @DisplayName("events over HTTP (our contract, a Stripe webhook, a Segment track) come out scored; a retry once")
    void ingestedEventsAreScored(@TempDir Path work) throws Exception {
        Settings settings = IngestOverHttp.settings(KAFKA.bootstrapServers(), registry.url(), work.resolve("state"));
        try (Engine engine = Engine.start(settings)) {
            IngestOverHttp ingest = new IngestOverHttp(engine.ingestUrl().orElseThrow());
            ingest.postEvents();
            ingest.postStripeWebhook();
            ingest.postStripeWebhook();
            ingest.postSegmentTrack();
            // Behind the retry in the same partition: once its score is out, the engine has read the retry.
            ingest.postStripeAccountMarker();

            IngestOverHttp.scoredSources(
                    settings,
                    registry.url(),
                    DEADLINE,
                    sources -> sources.getOrDefault(IngestOverHttp.EVENTS_ACCOUNT, List.of())
                                            .size()
                                    >= 2
                            && sources.getOrDefault(IngestOverHttp.SEGMENT_ACCOUNT, List.of())
                                            .size()
                                    >= 2
                            && sources.getOrDefault(IngestOverHttp.STRIPE_ACCOUNT, List.of())
                                    .contains(IngestOverHttp.MARKER_EVENT));
            Map<String, List<String>> sources =
                    IngestOverHttp.scoredSources(settings, registry.url(), Duration.ofSeconds(3), all -> false);
            assertThat(sources.get(IngestOverHttp.EVENTS_ACCOUNT)).containsExactly("ing-s-1", "ing-t-1");
            assertThat(sources.get(IngestOverHttp.SEGMENT_ACCOUNT))
                    .containsExactly("ing-s-2", IngestOverHttp.SEGMENT_MESSAGE);
            assertThat(sources.get(IngestOverHttp.STRIPE_ACCOUNT))
                    .containsExactly(IngestOverHttp.STRIPE_EVENT, IngestOverHttp.MARKER_EVENT);
        }
    }

    /**
     * Runs after the ingest test, whose account it overrides: an override POSTed with the write token is in
     * Kafka once answered, and the engine publishes the account with it.
     */
    @Test
    @Order(3)
    @DisplayName("an override POSTed with the write token comes back on the account's health record from Kafka")
    void anOverridePostedOverHttpComesBackOnTheAccountHealth(@TempDir Path work) {
        Map<String, String> values =
                new HashMap<>(IngestOverHttp.settings(KAFKA.bootstrapServers(), registry.url(), work.resolve("state"))
                        .values());
        values.put("http.auth.write-token", WRITE_TOKEN);
        Settings settings = Settings.of(values);
        try (Engine engine = Engine.start(settings)) {
            HttpCalls.Answer posted = HttpCalls.send(
                    "POST",
                    engine.httpUrl() + "/accounts/" + IngestOverHttp.EVENTS_ACCOUNT + "/override",
                    Optional.of(WRITE_TOKEN),
                    "{\"band\": \"GREEN\", \"reason\": \"renewal signed\", \"author\": \"csm@example.com\","
                            + " \"days\": 14}");
            assertThat(posted.status()).as(posted.body()).isEqualTo(202);
            String overrideId = posted.json().path("override_id").asText();

            List<AccountHealth> overridden = new ArrayList<>();
            IngestOverHttp.healthRecords(settings, registry.url(), DEADLINE, health -> {
                if (overrideId.equals(health.getSourceEventId())) {
                    overridden.add(health);
                }
                return !overridden.isEmpty();
            });

            assertThat(overridden).singleElement().satisfies(health -> {
                assertThat(health.getAccountId()).isEqualTo(IngestOverHttp.EVENTS_ACCOUNT);
                assertThat(health.getOverride().getBand()).isEqualTo(HealthBand.GREEN);
                assertThat(health.getOverride().getAuthor()).isEqualTo("csm@example.com");
                assertThat(health.getOverride().getOverrideId()).isEqualTo(overrideId);
                assertThat(health.getBand()).as("the computed band is kept").isNotNull();
            });
        }
    }

    /** Each valid line of {@code events} as Avro through the serde; a line that is not an event as its raw bytes. */
    private void publishEvents(Settings settings, Path events) throws IOException {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url()));
        Serializer<GenericRecord> avro = serdes.genericValueSerde().serializer();
        Properties props = settings.kafkaClientProperties();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // See AvroPublisher.producerConfig: one request in flight avoids KAFKA-14359's endless retry.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
                JsonNode json = JSON.readTree(line);
                String topic = json.get("topic").asText();
                String key = json.get("value").path("account_id").asText(null);
                byte[] value;
                try {
                    GenericRecord record = JsonAvro.read(
                            json.get("value"), SpecificData.get().getSchema(HealthTopology.INPUT_TYPES.get(topic)));
                    value = avro.serialize(topic, record);
                } catch (IllegalArgumentException notAnEvent) {
                    value = line.getBytes(StandardCharsets.UTF_8);
                }
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.flush();
        }
    }

    private static Map<String, List<ConsumerRecord<String, byte[]>>> readCommitted(
            Settings settings, ReplayComparison replay) {
        Map<String, Integer> wanted = new HashMap<>();
        Stream.concat(ReplayComparison.ACCOUNT_TOPICS.stream(), Stream.of(Topics.DEAD_LETTER))
                .forEach(topic -> wanted.put(topic, replay.expected(topic).size()));
        return CommittedOutputs.read(settings, wanted, DEADLINE);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(DeadLetterRecords.REASON).value(), StandardCharsets.UTF_8);
    }
}
