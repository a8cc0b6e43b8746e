package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.avro.UsageEvent;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent's Node serde ({@code interop/node}) and our Java serde read each other's bytes through
 * the embedded registry over HTTP.
 */
@DisplayName("Confluent's Node Avro serde and ours read each other's bytes")
class NodeInteropIT {
    private static final Logger LOG = LoggerFactory.getLogger(NodeInteropIT.class);
    private static final Path NODE_DIR = Path.of("interop", "node");
    private static final String SCRIPT = "usage-event-interop.mjs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedSchemaRegistry registry;
    private static CommandRunner node;

    @BeforeAll
    static void startRegistryAndInstallNodeClient() throws IOException, InterruptedException {
        registry = EmbeddedSchemaRegistry.start(0);
        node = new CommandRunner(NODE_DIR, Duration.ofSeconds(60));
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules"))) {
            LOG.info("{} has no node_modules; running npm ci", NODE_DIR.toAbsolutePath());
            new CommandRunner(NODE_DIR, Duration.ofMinutes(5))
                    .run("npm-ci", List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void nodeProducedUsageEventsAreReadByOurSerde() throws IOException, InterruptedException {
        String topic = "usage-events-from-node";
        List<byte[]> records = node.run("node-produce", List.of("node", SCRIPT, "produce", registry.url(), topic))
                .lines()
                .map(Base64.getDecoder()::decode)
                .toList();
        Serde<UsageEvent> serde = serdes().valueSerde(UsageEvent.class);

        int registeredId = registry.registry().latest(topic + "-value").id();
        assertThat(records).hasSize(2).allSatisfy(bytes -> {
            assertThat(bytes[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("schema id").isEqualTo(registeredId);
        });
        UsageEvent onboarding = serde.deserializer().deserialize(topic, records.get(0));
        assertThat(onboarding.getEventId()).isEqualTo("node-evt-1");
        assertThat(onboarding.getAccountId()).isEqualTo("acc-node");
        assertThat(onboarding.getUserId()).isEqualTo("user-7");
        assertThat(onboarding.getOccurredAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
        assertThat(onboarding.getAction()).isEqualTo("onboarding_step_completed");
        assertThat(onboarding.getCount()).isEqualTo(3);
        assertThat(onboarding.getOnboardingStep()).isEqualTo("workspace_created");
        UsageEvent login = serde.deserializer().deserialize(topic, records.get(1));
        assertThat(login.getEventId()).isEqualTo("node-evt-2");
        assertThat(login.getUserId()).isEqualTo("user-8");
        assertThat(login.getOccurredAt()).isEqualTo(Instant.parse("2026-01-01T00:01:00.456Z"));
        assertThat(login.getAction()).isEqualTo("login");
        assertThat(login.getCount()).isEqualTo(1);
        assertThat(login.getOnboardingStep()).isNull();
    }

    @Test
    void ourUsageEventsAreReadByNodeDeserializer() throws IOException, InterruptedException {
        String topic = "usage-events-from-java";
        Serde<UsageEvent> serde = serdes().valueSerde(UsageEvent.class);
        UsageEvent onboarding = UsageEvent.newBuilder()
                .setEventId("java-evt-1")
                .setAccountId("acc-java")
                .setUserId("user-1")
                .setOccurredAt(Instant.parse("2026-02-03T04:05:06.789Z"))
                .setAction("onboarding_step_completed")
                .setCount(2)
                .setOnboardingStep("invited_team")
                .build();
        UsageEvent export = UsageEvent.newBuilder(onboarding)
                .setEventId("java-evt-2")
                .setAction("report_exported")
                .setCount(1)
                .setOnboardingStep(null)
                .build();
        List<String> command = new ArrayList<>(List.of("node", SCRIPT, "consume", registry.url(), topic));
        for (UsageEvent event : List.of(onboarding, export)) {
            command.add(Base64.getEncoder().encodeToString(serde.serializer().serialize(topic, event)));
        }

        List<JsonNode> read = node.run("node-consume", command)
                .lines()
                .map(NodeInteropIT::parse)
                .toList();

        assertThat(read).hasSize(2);
        assertSameFields(read.get(0), onboarding);
        assertSameFields(read.get(1), export);
        assertThat(read.get(1).get("onboarding_step").isNull()).isTrue();
    }

    private static void assertSameFields(JsonNode node, UsageEvent expected) {
        assertThat(node.path("event_id").asText()).isEqualTo(expected.getEventId());
        assertThat(node.path("account_id").asText()).isEqualTo(expected.getAccountId());
        assertThat(node.path("user_id").asText()).isEqualTo(expected.getUserId());
        assertThat(node.path("occurred_at").asLong())
                .isEqualTo(expected.getOccurredAt().toEpochMilli());
        assertThat(node.path("action").asText()).isEqualTo(expected.getAction());
        assertThat(node.path("count").asInt()).isEqualTo(expected.getCount());
        assertThat(node.path("onboarding_step").textValue()).isEqualTo(expected.getOnboardingStep());
    }

    private static AvroSerdes serdes() {
        return new AvroSerdes(SchemaRegistryConfig.forUrl(registry.url()));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("Node printed a line that is not JSON: " + line, e);
        }
    }
}
