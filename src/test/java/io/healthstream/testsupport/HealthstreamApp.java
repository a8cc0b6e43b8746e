package io.healthstream.testsupport;

import static org.awaitility.Awaitility.await;

import io.healthstream.app.Engine;
import io.healthstream.app.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One healthstream instance for integration tests, started by the app's own {@link Engine}
 * (topology, metrics, HTTP endpoint) on a free port that is also its {@code application.server}.
 */
public final class HealthstreamApp implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private final Engine runner;

    private HealthstreamApp(Engine runner) {
        this.runner = runner;
    }

    /**
     * Starts an instance, through the app's own runner, with {@code overrides} on top of settings for
     * the broker, the registry and a free port. The topics must exist.
     */
    public static HealthstreamApp start(
            String bootstrapServers, String registryUrl, Path stateDir, Map<String, String> overrides) {
        int port = FreePort.pick();
        Map<String, String> values = new HashMap<>(Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "schema.registry.url",
                registryUrl,
                "http.bind",
                "127.0.0.1",
                "http.port",
                Integer.toString(port),
                "kafka.application.server",
                "127.0.0.1:" + port,
                "kafka.state.dir",
                stateDir.toString()));
        values.putAll(overrides);
        return new HealthstreamApp(Engine.start(Settings.of(values), CLOSE_TIMEOUT));
    }

    public String baseUrl() {
        return runner.httpUrl();
    }

    public KafkaStreams streams() {
        return runner.streams();
    }

    public void awaitRunning(Duration timeout) {
        await("Kafka Streams RUNNING at " + baseUrl())
                .atMost(timeout)
                .until(() -> runner.streams().state() == KafkaStreams.State.RUNNING);
    }

    /** True once this instance runs at least one active task, i.e. owns some partitions. */
    public boolean ownsPartitions() {
        return runner.streams().metadataForLocalThreads().stream()
                .anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    @Override
    public void close() {
        runner.close();
    }
}
