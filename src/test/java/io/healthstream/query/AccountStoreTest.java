package io.healthstream.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.app.Settings;
import io.healthstream.metrics.HealthMetrics;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.topology.HealthTopology;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store Kafka Streams refuses is "not ready", never an internal error. */
class AccountStoreTest {
    private static final String SCOPE = "account-store-test";

    @TempDir
    Path stateDir;

    private HealthMetrics metrics;
    private KafkaStreams streams;

    @BeforeEach
    void anInstanceThatHasNotStarted() {
        Settings settings = Settings.of(Map.of(
                "bootstrap.servers",
                "127.0.0.1:9",
                "schema.registry.url",
                MockSchemaRegistry.SCHEME + SCOPE,
                "kafka.state.dir",
                stateDir.toString()));
        AvroSerdes serdes = new AvroSerdes(settings.registry());
        metrics = new HealthMetrics();
        streams = new KafkaStreams(
                HealthTopology.build(settings.topology(), serdes::valueSerde, metrics), settings.streamsProperties());
    }

    @AfterEach
    void close() {
        streams.close();
        metrics.close();
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void aStoreThatCannotBeLookedUpIsNotReady() {
        assertThatThrownBy(() -> AccountStore.read(streams, Optional.of(0), store -> store.get("acc-1")))
                .isInstanceOfSatisfying(
                        QueryException.class, e -> assertThat(e.reason()).isEqualTo(QueryException.Reason.NOT_READY))
                .hasMessageContaining("not queryable here right now");
    }
}
