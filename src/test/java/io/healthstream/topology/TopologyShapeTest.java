package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology's shape and the names of its stores: renaming a store renames its changelog
 * topic and silently throws away every account's state on the next deploy.
 */
class TopologyShapeTest {
    private static final String SCOPE = "topology-shape-test";

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    private static TopologyDescription describe() {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + SCOPE));
        return HealthTopology.build(Settings.defaults().topology(), serdes::valueSerde, ProcessingListener.NONE)
                .describe();
    }

    @Test
    void storeNamesArePinned() {
        assertThat(StoreNames.ACCOUNTS).isEqualTo("accounts");
        assertThat(StoreNames.KPI_OUTBOX).isEqualTo("kpi-outbox");
        assertThat(StoreNames.KPI_LEDGER).isEqualTo("kpi-ledger");
        assertThat(StoreNames.HISTORY_POINTS).isEqualTo("history-points");
        assertThat(StoreNames.HISTORY_EVENTS).isEqualTo("history-events");
        assertThat(StoreNames.LTV_PENDING).isEqualTo("ltv-pending");
        assertThat(StoreNames.SEGMENT_CHURN).isEqualTo("segment-churn");
        assertThat(describe().toString())
                .contains(
                        "stores: [kpi-outbox, history-points, history-events, accounts, ltv-pending]",
                        "stores: [kpi-ledger]");
    }

    @Test
    void topologyMatchesTheCommittedSnapshot() throws IOException {
        try (InputStream snapshot = TopologyShapeTest.class.getResourceAsStream("topology.txt")) {
            String expected =
                    new String(Objects.requireNonNull(snapshot, "topology.txt").readAllBytes(), StandardCharsets.UTF_8);
            assertThat(describe().toString().strip())
                    .as(
                            "topology changed: if on purpose, update src/test/resources/io/healthstream/topology/topology.txt")
                    .isEqualTo(expected.strip());
        }
    }
}
