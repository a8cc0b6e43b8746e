package io.healthstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.metrics.HealthMetrics;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.topology.HealthTopology;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Readiness by Kafka Streams state, on an instance that holds no task (so no store needs to answer). */
class EngineHealthTest {
    private static final String SCOPE = "engine-health-test";

    @TempDir
    Path stateDir;

    private final HealthMetrics metrics = new HealthMetrics();
    private KafkaStreams streams;

    @AfterEach
    void close() {
        streams.close();
        metrics.close();
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @ParameterizedTest
    @EnumSource(KafkaStreams.State.class)
    @DisplayName("ready only while RUNNING; REBALANCING is live but not ready")
    void readyOnlyWhileRunning(KafkaStreams.State state) {
        EngineHealth health = new EngineHealth(streamsIn(state));

        assertThat(health.ready().up()).isEqualTo(state == KafkaStreams.State.RUNNING);
        assertThat(health.ready().state()).isEqualTo(state.name());
        if (state == KafkaStreams.State.REBALANCING) {
            assertThat(health.live().up()).isTrue();
        }
    }

    /** A real client whose reported state is pinned: the states cannot be reached without a broker. */
    private KafkaStreams streamsIn(KafkaStreams.State pinned) {
        Settings settings = Settings.of(Map.of(
                "bootstrap.servers",
                "127.0.0.1:9",
                "schema.registry.url",
                MockSchemaRegistry.SCHEME + SCOPE,
                "kafka.state.dir",
                stateDir.toString()));
        Topology topology =
                HealthTopology.build(settings.topology(), new AvroSerdes(settings.registry())::valueSerde, metrics);
        Properties config = settings.streamsProperties();
        streams = new KafkaStreams(topology, config) {
            @Override
            public State state() {
                return pinned;
            }
        };
        return streams;
    }
}
