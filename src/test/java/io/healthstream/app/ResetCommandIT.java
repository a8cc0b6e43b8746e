package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.JsonAvro;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reprocessing flow on a real broker: run, change a weight, reset, run again. The second run
 * recomputes every score from the input topics with the new model, record for record what {@code replay}
 * gives with it, and the reset refuses while an instance is still running.
 */
class ResetCommandIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path work;

    private record Result(int exitCode, String out, String err) {}

    @Test
    @DisplayName("run, change a weight, reset, run again: every score is recomputed with the new model")
    void scoresFollowTheNewModelAfterAReset() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(0)) {
            List<GeneratedEvent> events = portfolio();
            Path eventFile = eventFile(events);
            Settings modelA = Settings.load(Path.of("src/main/resources/demo.properties"), Map.of());
            Settings modelB = withWeights(modelA, "0.1", "0.6");
            ReplayComparison replayA = ReplayComparison.replay(modelA, eventFile, work.resolve("replay-a"));
            ReplayComparison replayB = ReplayComparison.replay(modelB, eventFile, work.resolve("replay-b"));
            Path stateDir = work.resolve("state");
            Settings liveA = live(modelA, registry, stateDir);
            Settings liveB = live(modelB, registry, stateDir);
            AvroPublisher.createTopics(
                    KAFKA.bootstrapServers(),
                    1,
                    Stream.of(Topics.INPUTS, Topics.OUTPUTS, List.of(Topics.DEAD_LETTER))
                            .flatMap(List::stream)
                            .toList());
            try (AvroPublisher publisher = new AvroPublisher(
                    KAFKA.bootstrapServers(), AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())))) {
                publisher.publishAll(events);
            }
            int scoredByA = replayA.expected(Topics.ACCOUNT_HEALTH).size();
            int scoredByB = replayB.expected(Topics.ACCOUNT_HEALTH).size();

            try (Engine engine = Engine.start(liveA)) {
                assertThat(engine.awaitState(KafkaStreams.State.RUNNING, DEADLINE))
                        .isTrue();
                accountHealth(liveA, registry, scoredByA);

                Result refused = execute("reset", "--config", configFile(liveB).toString());
                assertThat(refused.exitCode()).isEqualTo(Main.USAGE_ERROR);
                assertThat(refused.err()).contains("still active").contains("reset-it");
            }
            // The stopped instance stays a member until its session times out (6 s here).
            Path config = configFile(liveB);
            Result dryRun = await("the stopped instance's session times out")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> execute("reset", "--config", config.toString(), "--dry-run"), r -> r.exitCode() == 0);
            assertThat(dryRun.out()).contains("Would delete the local state");
            assertThat(stateDir.resolve("reset-it"))
                    .as("a dry run deletes nothing")
                    .exists();

            Result reset = execute("reset", "--config", config.toString(), "--to-earliest");
            assertThat(reset.exitCode()).as(reset.err()).isZero();
            assertThat(taskDirectories(stateDir)).as("local state deleted").isEmpty();

            List<JsonNode> outputs;
            try (Engine engine = Engine.start(liveB)) {
                assertThat(engine.awaitState(KafkaStreams.State.RUNNING, DEADLINE))
                        .isTrue();
                outputs = accountHealth(liveB, registry, scoredByA + scoredByB);
            }
            replayA.assertMatches(Topics.ACCOUNT_HEALTH, byModel(outputs, liveA.modelVersion()));
            replayB.assertMatches(Topics.ACCOUNT_HEALTH, byModel(outputs, liveB.modelVersion()));
            assertThat(liveB.modelVersion()).isNotEqualTo(liveA.modelVersion());
        }
    }

    /** The model on the test broker, with the broker's shortest session timeout so a stopped member leaves soon. */
    private static Settings live(Settings model, EmbeddedSchemaRegistry registry, Path stateDir) {
        Map<String, String> values = new HashMap<>(
                ReplayComparison.liveSettings(model, KAFKA.bootstrapServers(), registry.url(), "reset-it", stateDir)
                        .values());
        values.put("kafka.session.timeout.ms", "6000");
        return Settings.of(values);
    }

    private static List<GeneratedEvent> portfolio() {
        PortfolioSimulation simulation =
                new PortfolioSimulation(new PortfolioSpec(12, 30, 11, Instant.parse("2026-10-01T00:00:00Z")));
        List<GeneratedEvent> events = new ArrayList<>();
        while (simulation.hasNextDay()) {
            events.addAll(simulation.simulateNextDay());
        }
        return events;
    }

    private Path eventFile(List<GeneratedEvent> events) throws IOException {
        List<String> lines = new ArrayList<>();
        for (GeneratedEvent event : events) {
            ObjectNode line = JSON.createObjectNode();
            line.put("topic", event.topic());
            line.set("value", JsonAvro.write(event.value()));
            lines.add(JSON.writeValueAsString(line));
        }
        return Files.write(work.resolve("events.jsonl"), lines, StandardCharsets.UTF_8);
    }

    /** The model with the usage and billing weights changed (support and NPS keep theirs, so they still sum to 1). */
    private static Settings withWeights(Settings model, String usage, String billing) {
        Map<String, String> values = new HashMap<>(model.values());
        values.put("model.weights.usage", usage);
        values.put("model.weights.billing", billing);
        return Settings.of(values);
    }

    private Path configFile(Settings settings) throws IOException {
        Path file = work.resolve("reset.properties");
        Properties properties = new Properties();
        properties.putAll(settings.values());
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, null);
        }
        return file;
    }

    private static List<JsonNode> accountHealth(Settings settings, EmbeddedSchemaRegistry registry, int wanted) {
        return CommittedOutputs.asJson(
                Topics.ACCOUNT_HEALTH,
                CommittedOutputs.read(settings, Map.of(Topics.ACCOUNT_HEALTH, wanted), DEADLINE)
                        .get(Topics.ACCOUNT_HEALTH),
                registry.url());
    }

    /** The task state directories (0_0, 1_0, ...) kept for the application under {@code stateDir}. */
    private static List<Path> taskDirectories(Path stateDir) throws IOException {
        Path app = stateDir.resolve("reset-it");
        if (!Files.isDirectory(app)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(app)) {
            return entries.filter(entry -> entry.getFileName().toString().matches("\\d+_\\d+"))
                    .toList();
        }
    }

    private static List<JsonNode> byModel(List<JsonNode> records, String modelVersion) {
        return records.stream()
                .filter(record -> record.path("model_version").asText().equals(modelVersion))
                .toList();
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
