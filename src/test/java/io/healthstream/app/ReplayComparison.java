package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthstream.replay.EventOrder;
import io.healthstream.replay.Replayer;
import io.healthstream.serde.JsonAvro;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the replay CLI makes of a file of events, and the comparison of a live run's outputs with it.
 *
 * <p>Kafka orders records per key only, so records are compared account by account, in order, each
 * in full but for {@code computed_at}, the processing time: every decision depends on the account's own
 * events only, so ids, scores, drivers, signals and their event times must all be the same.
 */
final class ReplayComparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The outputs keyed by account. saas-kpis is keyed by period, and its open-period records follow
     * how the input topics interleave; PortfolioKpiPartitionsIT compares its final records instead.
     */
    static final List<String> ACCOUNT_TOPICS =
            Topics.OUTPUTS.stream().filter(t -> !t.equals(Topics.SAAS_KPIS)).toList();

    private final Map<String, List<JsonNode>> expected = new HashMap<>();
    private List<JsonNode> history;

    private ReplayComparison() {}

    /**
     * Replays {@code events} with {@code settings} into {@code dir} and keeps every output topic. In arrival
     * order: the live run produces the file's lines to their topics in file order and reads the topics merged
     * by event time, which is what that order reproduces.
     */
    static ReplayComparison replay(Settings settings, Path events, Path dir) throws IOException {
        new Replayer(settings.topology(), settings.streamsProperties()).replay(events, dir, EventOrder.ARRIVAL);
        ReplayComparison comparison = new ReplayComparison();
        for (String topic : Topics.OUTPUTS) {
            comparison.expected.put(topic, readJsonLines(dir.resolve(topic + ".jsonl")));
        }
        comparison.expected.put(Topics.DEAD_LETTER, readJsonLines(dir.resolve(Topics.DEAD_LETTER + ".jsonl")));
        comparison.history = readJsonLines(dir.resolve(Replayer.HISTORY_FILE));
        return comparison;
    }

    /** Replays the generated days as they are published (day by day, each in its own order) into {@code work/name}. */
    static ReplayComparison replayPublished(
            Settings settings, List<List<GeneratedEvent>> published, Path work, String name) throws IOException {
        Path events = work.resolve(name + ".jsonl");
        List<String> lines = new ArrayList<>();
        for (List<GeneratedEvent> day : published) {
            for (GeneratedEvent event : day) {
                ObjectNode line = JSON.createObjectNode();
                line.put("topic", event.topic());
                line.set("value", JsonAvro.write(event.value()));
                lines.add(JSON.writeValueAsString(line));
            }
        }
        Files.write(events, lines, StandardCharsets.UTF_8);
        return replay(settings, events, work.resolve(name));
    }

    /**
     * The portfolio without the events that arrive after a later event of their topic: over several partitions
     * those are the only events whose place among the account's other topics can depend on the partitioning.
     */
    static List<List<GeneratedEvent>> withoutLateArrivals(List<List<GeneratedEvent>> published) {
        Map<String, Instant> latest = new HashMap<>();
        List<List<GeneratedEvent>> inOrder = new ArrayList<>();
        for (List<GeneratedEvent> day : published) {
            List<GeneratedEvent> kept = new ArrayList<>();
            for (GeneratedEvent event : day) {
                Instant before = latest.merge(event.topic(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
                if (!event.occurredAt().isBefore(before)) {
                    kept.add(event);
                }
            }
            inOrder.add(kept);
        }
        return inOrder;
    }

    /**
     * The replayed settings pointed at a live cluster. The events are on the broker before the engine reads them,
     * so the default {@code max.task.idle.ms} (0) merges the topics in event-time order, as the replay file is: a
     * task waits for every input partition whose records it knows of and has not fetched yet, however long that
     * takes, and only a partition that has run dry for good is not waited for.
     */
    static Settings liveSettings(
            Settings replayed, String bootstrapServers, String registryUrl, String applicationId, Path stateDir) {
        Map<String, String> values = new HashMap<>(replayed.values());
        values.put("bootstrap.servers", bootstrapServers);
        values.put("schema.registry.url", registryUrl);
        values.put("application.id", applicationId);
        values.put("kafka.state.dir", stateDir.toString());
        values.put("http.bind", "127.0.0.1");
        values.put("http.port", "0");
        return Settings.of(values);
    }

    /** The replay's history.jsonl: one account's whole history per line. */
    List<JsonNode> history() {
        return history;
    }

    /** The replay's records of {@code topic}, as the replay CLI writes them. */
    List<JsonNode> expected(String topic) {
        return expected.get(topic);
    }

    /** Asserts that {@code actual} (in the replay's JSON form) holds the replay's records of {@code topic}. */
    void assertMatches(String topic, List<JsonNode> actual) {
        Map<String, List<String>> actualByAccount = byAccount(actual);
        Map<String, List<String>> expectedByAccount = byAccount(expected(topic));
        assertThat(actualByAccount.keySet()).as("%s accounts", topic).isEqualTo(expectedByAccount.keySet());
        expectedByAccount.forEach((account, records) -> assertThat(actualByAccount.get(account))
                .as("%s records of %s", topic, account)
                .containsExactlyElementsOf(records));
    }

    static List<JsonNode> readJsonLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static Map<String, List<String>> byAccount(List<JsonNode> records) {
        Map<String, List<String>> byAccount = new TreeMap<>();
        records.forEach(record -> byAccount
                .computeIfAbsent(record.get("account_id").asText(), a -> new ArrayList<>())
                .add(withoutProcessingTime(record).toPrettyString()));
        return byAccount;
    }

    /** {@code record} without {@code computed_at}, the one field a live run and a replay may differ in. */
    static JsonNode withoutProcessingTime(JsonNode record) {
        ObjectNode comparable = record.deepCopy();
        comparable.remove("computed_at");
        return comparable;
    }
}
