package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.JsonAvro;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.testsupport.Prerequisite;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.HealthTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with Confluent's own Node clients (kafkajs + @confluentinc/schemaregistry, in
 * {@code interop/node-kafka}): the example events they publish are scored like the replay scores
 * them, and they read every output topic back (read_committed) with the same content.
 */
class NodeInteropIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Path NODE_DIR = Path.of("interop", "node-kafka").toAbsolutePath();
    private static final Path EXAMPLE_EVENTS = Path.of("examples/events.jsonl").toAbsolutePath();
    private static final Path EXAMPLE_SETTINGS = Path.of("examples/healthstream.properties");
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);

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
    @DisplayName("events published by Confluent's Node clients score like the replay, and they read the outputs back")
    void nodeClientsPublishAndReadLikeTheReplay(@TempDir Path work) throws Exception {
        Prerequisite.require(
                nodeClientsInstalled(work),
                "node and npm (or interop/node-kafka/node_modules) are not available (apt-get install -y nodejs npm)");
        Settings replayed = Settings.load(EXAMPLE_SETTINGS, Map.of());
        ReplayComparison replay = ReplayComparison.replay(replayed, EXAMPLE_EVENTS, work.resolve("replay"));
        Settings settings = ReplayComparison.liveSettings(
                replayed, KAFKA.bootstrapServers(), registry.url(), "node-interop-it", work.resolve("state"));
        try (Admin admin = ClusterPreflight.admin(settings)) {
            // The example events are months old: kept forever, or the broker would delete them by retention.
            TopicProvisioner.createAll(
                    admin,
                    Optional.of(1),
                    Optional.of((short) 1),
                    Settings.of(Map.of(TopicRetention.INPUT_DAYS, TopicRetention.FOREVER))
                            .topicRetention());
        }
        // The Node serializer writes with the latest registered schema, as a producer team would pin it.
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url()));
        HealthTopology.INPUT_TYPES.forEach((topic, type) ->
                serdes.registry().register(topic + "-value", SpecificData.get().getSchema(type)));

        node(work, "publish.js", KAFKA.bootstrapServers(), registry.url(), EXAMPLE_EVENTS.toString());
        try (Engine runner = Engine.start(settings)) {
            assertThat(runner.awaitState(KafkaStreams.State.RUNNING, NODE_TIMEOUT))
                    .isTrue();
            List<String> args = new ArrayList<>(List.of(
                    "read-outputs.js",
                    KAFKA.bootstrapServers(),
                    registry.url(),
                    work.resolve("node-read").toString()));
            ReplayComparison.ACCOUNT_TOPICS.forEach(
                    topic -> args.add(topic + "=" + replay.expected(topic).size()));
            node(work, args.toArray(String[]::new));
        }

        for (String topic : ReplayComparison.ACCOUNT_TOPICS) {
            Schema schema = SpecificData.get().getSchema(HealthTopology.OUTPUT_TYPES.get(topic));
            List<JsonNode> readByNode =
                    ReplayComparison.readJsonLines(work.resolve("node-read").resolve(topic + ".jsonl")).stream()
                            .<JsonNode>map(json -> JsonAvro.write(JsonAvro.read(json, schema)))
                            .toList();
            replay.assertMatches(topic, readByNode);
        }
    }

    private static boolean nodeClientsInstalled(Path work) {
        try {
            if (Files.isDirectory(NODE_DIR.resolve("node_modules"))) {
                return run(work, "node", "--version") == 0;
            }
            return run(work, "npm", "ci", "--no-audit", "--no-fund") == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    private static void node(Path work, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(args));
        assertThat(run(work, command.toArray(String[]::new)))
                .as("exit status of node %s (output in %s)", args[0], work)
                .isZero();
    }

    /** Runs a command in the Node project; its output goes to a log file beside the test's files. */
    private static int run(Path work, String... command) throws IOException {
        Path log = work.resolve("node-" + command[command.length > 1 ? 1 : 0].replaceAll("[^a-z.-]", "") + ".log");
        Process process = new ProcessBuilder(command)
                .directory(NODE_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + NODE_TIMEOUT.toSeconds()
                        + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
        if (process.exitValue() != 0) {
            System.err.println(Files.readString(log, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }
}
