package io.healthstream.testsupport;

import io.healthstream.api.ObservabilityServer;
import io.healthstream.app.Settings;
import io.healthstream.metrics.HealthMetrics;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.topology.DeadLetterRecords;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.ValueSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One healthstream instance for integration tests, wired the way a runner wires it: the topology
 * reports to {@link HealthMetrics}, which also counts dead letters and binds the Streams metrics,
 * and the {@link ObservabilityServer} serves it on a free port that is also its {@code application.server}.
 */
public final class HealthstreamApp implements AutoCloseable {
    private final KafkaStreams streams;
    private final HealthMetrics metrics;
    private final ObservabilityServer server;

    private HealthstreamApp(KafkaStreams streams, HealthMetrics metrics, ObservabilityServer server) {
        this.streams = streams;
        this.metrics = metrics;
        this.server = server;
    }

    /** Starts an instance with {@code overrides} on top of settings for the broker, the registry and a free port. */
    public static HealthstreamApp start(String bootstrapServers, String registryUrl, Path stateDir,
                                        Map<String, String> overrides) {
        int port = FreePort.pick();
        Map<String, String> values = new HashMap<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "schema.registry.url", registryUrl,
                "http.bind", "127.0.0.1",
                "http.port", Integer.toString(port),
                "kafka.application.server", "127.0.0.1:" + port,
                "kafka.state.dir", stateDir.toString()));
        values.putAll(overrides);
        Settings settings = Settings.of(values);

        HealthMetrics metrics = new HealthMetrics();
        AvroSerdes serdes = AvroSerdes.fromConfig(settings.values());
        Properties config = settings.streamsProperties();
        config.put(DeadLetterRecords.LISTENER_CONFIG, metrics);
        KafkaStreams streams = new KafkaStreams(HealthTopology.build(settings.topology(), valueSerdes(serdes), metrics),
                config);
        metrics.bind(streams);
        streams.start();
        return new HealthstreamApp(streams, metrics, ObservabilityServer.start(streams, settings, metrics));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public void awaitRunning(Duration timeout) {
        Await.until(timeout, "Kafka Streams RUNNING at " + baseUrl(), () -> streams.state() == KafkaStreams.State.RUNNING);
    }

    /** True once this instance runs at least one active task, i.e. owns some partitions. */
    public boolean ownsPartitions() {
        return streams.metadataForLocalThreads().stream().anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    @Override
    public void close() {
        server.close();
        streams.close(Duration.ofSeconds(20));
        metrics.close();
    }

    private static ValueSerdes valueSerdes(AvroSerdes serdes) {
        return new ValueSerdes() {
            @Override
            public <T extends SpecificRecord> Serde<T> forType(Class<T> type) {
                return serdes.valueSerde(type);
            }
        };
    }
}
