package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.tools.broker.EmbeddedKafkaBroker;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same output, on real brokers with exactly-once: sixty days of a generated portfolio (with
 * its redelivered duplicates, late arrivals and invalid events), published before the engine starts,
 * give record for record what {@code replay} gives for the same events in the order they were published,
 * over one partition and when the engine stops half-way and restarts with a backlog. Over four partitions
 * with two stream threads the same holds for the portfolio without its late arrivals (how an event that
 * arrives after later events of its topic interleaves with the account's other topics can depend on the
 * partitioning; see the README's "Time" section). Every field is compared but {@code computed_at}, and each
 * account's history on the engine's endpoint is the replay's {@code history.jsonl} line.
 */
class SameInputSameOutputIT {
    private static final int ACCOUNTS = 40;
    private static final int DAYS = 60;
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static EmbeddedSchemaRegistry registry;
    private static List<List<GeneratedEvent>> days;
    private static Settings model;

    @TempDir
    static Path work;

    private static ReplayComparison replay;
    private static ReplayComparison replayInOrder;
    private static List<List<GeneratedEvent>> daysInOrder;

    @BeforeAll
    static void replayThePortfolio() throws IOException {
        registry = EmbeddedSchemaRegistry.start(0);
        PortfolioSimulation simulation =
                new PortfolioSimulation(new PortfolioSpec(ACCOUNTS, DAYS, 7, Instant.parse("2026-10-01T00:00:00Z")));
        days = new ArrayList<>();
        while (simulation.hasNextDay()) {
            days.add(simulation.simulateNextDay());
        }
        model = Settings.load(Path.of("src/main/resources/demo.properties"), Map.of());
        replay = replay("published", days);
        daysInOrder = ReplayComparison.withoutLateArrivals(days);
        replayInOrder = replay("in-order", daysInOrder);
    }

    private static ReplayComparison replay(String name, List<List<GeneratedEvent>> published) throws IOException {
        return ReplayComparison.replayPublished(model, published, work, name);
    }

    /** Each test creates the topics with its own partition count, on an empty broker. */
    @BeforeEach
    void emptyTheBroker() {
        KAFKA.clear();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    @DisplayName(
            "a catch-up over sixty days of backlog decides what the replay decides: no extra INACTIVE, USAGE_DROP or RED")
    void catchUpOverABacklogMatchesTheReplay(EmbeddedKafkaBroker broker) throws Exception {
        Settings settings = live(broker, "catch-up", 1, 1);
        publish(broker, 1, days);
        Map<String, List<JsonNode>> outputs = runUntilCaughtUp(settings, replay);

        assertSameAsReplay(outputs, replay);
        assertThat(signals(outputs, "INACTIVE", "USAGE_DROP", "RED_BAND_ENTERED"))
                .isEqualTo(signals(replayed(), "INACTIVE", "USAGE_DROP", "RED_BAND_ENTERED"))
                .isNotEmpty();
    }

    @Test
    @DisplayName("four partitions and two stream threads give the same records as one partition and the replay")
    void partitionCountDoesNotChangeTheOutput(EmbeddedKafkaBroker broker) throws Exception {
        Settings settings = live(broker, "four-partitions", 4, 2);
        publish(broker, 4, daysInOrder);

        assertSameAsReplay(runUntilCaughtUp(settings, replayInOrder), replayInOrder);
    }

    @Test
    @DisplayName("stopped half-way and restarted with a backlog, the engine decides what the replay decides")
    void restartWithABacklogMatchesTheReplay(EmbeddedKafkaBroker broker) throws Exception {
        Settings settings = live(broker, "restart", 1, 1);
        List<List<GeneratedEvent>> firstHalf = days.subList(0, DAYS / 2);
        publish(broker, 1, firstHalf);
        try (Engine runner = Engine.start(settings)) {
            assertThat(runner.awaitState(KafkaStreams.State.RUNNING, DEADLINE)).isTrue();
            CommittedOutputs.read(
                    settings,
                    Map.of(
                            Topics.ACCOUNT_HEALTH,
                            replay.expected(Topics.ACCOUNT_HEALTH).size() / 3),
                    DEADLINE);
        }
        try (AvroPublisher publisher = publisher(broker)) {
            days.subList(DAYS / 2, DAYS).forEach(day -> publisher.publishAll(day));
        }

        assertSameAsReplay(runUntilCaughtUp(settings, replay), replay);
    }

    private static Settings live(EmbeddedKafkaBroker broker, String applicationId, int partitions, int threads)
            throws IOException {
        Map<String, String> values = new HashMap<>(ReplayComparison.liveSettings(
                        model,
                        broker.bootstrapServers(),
                        registry.url(),
                        applicationId,
                        Files.createTempDirectory(work, applicationId))
                .values());
        values.put("input.partitions", Integer.toString(partitions));
        values.put("kafka.num.stream.threads", Integer.toString(threads));
        return Settings.of(values);
    }

    private static void publish(EmbeddedKafkaBroker broker, int partitions, List<List<GeneratedEvent>> published) {
        AvroPublisher.createTopics(broker.bootstrapServers(), partitions, Topics.INPUTS);
        AvroPublisher.createTopics(broker.bootstrapServers(), partitions, Topics.OUTPUTS);
        AvroPublisher.createTopics(broker.bootstrapServers(), 1, List.of(Topics.DEAD_LETTER));
        try (AvroPublisher publisher = publisher(broker)) {
            published.forEach(publisher::publishAll);
        }
    }

    private static AvroPublisher publisher(EmbeddedKafkaBroker broker) {
        return new AvroPublisher(
                broker.bootstrapServers(), AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())));
    }

    /** Starts the engine and reads its committed outputs until it has written what the replay wrote. */
    private static Map<String, List<JsonNode>> runUntilCaughtUp(Settings settings, ReplayComparison replay)
            throws Exception {
        try (Engine runner = Engine.start(settings)) {
            assertThat(runner.awaitState(KafkaStreams.State.RUNNING, DEADLINE)).isTrue();
            Map<String, Integer> wanted = new HashMap<>();
            ReplayComparison.ACCOUNT_TOPICS.forEach(
                    topic -> wanted.put(topic, replay.expected(topic).size()));
            Map<String, List<ConsumerRecord<String, byte[]>>> records =
                    CommittedOutputs.read(settings, wanted, DEADLINE);
            Map<String, List<JsonNode>> outputs = new TreeMap<>();
            records.forEach((topic, list) -> outputs.put(topic, CommittedOutputs.asJson(topic, list, registry.url())));
            assertSameHistoryAsReplay(runner, replay);
            return outputs;
        }
    }

    /** Each account's history, as the engine's endpoint answers for the span of the replay's line, is that line. */
    private static void assertSameHistoryAsReplay(Engine runner, ReplayComparison replay) {
        assertThat(replay.history()).isNotEmpty();
        for (JsonNode expected : replay.history()) {
            String path = "/accounts/" + expected.path("account_id").asText() + "/history?from="
                    + expected.path("from").asText() + "&to="
                    + expected.path("to").asText() + "&limit=5000";
            HttpCalls.Answer live = HttpCalls.get(runner.httpUrl() + path, Optional.empty());

            assertThat(live.status()).as(path).isEqualTo(200);
            assertThat(live.json()).as(path).isEqualTo(expected);
        }
    }

    private static void assertSameAsReplay(Map<String, List<JsonNode>> outputs, ReplayComparison replay) {
        for (String topic : ReplayComparison.ACCOUNT_TOPICS) {
            replay.assertMatches(topic, outputs.get(topic));
        }
    }

    private static Map<String, List<JsonNode>> replayed() {
        Map<String, List<JsonNode>> outputs = new TreeMap<>();
        ReplayComparison.ACCOUNT_TOPICS.forEach(topic -> outputs.put(topic, replay.expected(topic)));
        return outputs;
    }

    /** How many signals of each of {@code types}. */
    private static Map<String, Long> signals(Map<String, List<JsonNode>> outputs, String... types) {
        List<String> wanted = List.of(types);
        return outputs.get(Topics.CHURN_SIGNALS).stream()
                .map(signal -> signal.get("type").asText())
                .filter(wanted::contains)
                .collect(Collectors.groupingBy(type -> type, TreeMap::new, Collectors.counting()));
    }
}
