package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortfolioKpiTopologyShapeTest {
    private static final String SCOPE = PortfolioKpiTopologyShapeTest.class.getSimpleName();

    @AfterEach
    void dropRegistryScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void kpiProcessorSharesTheSubTopologyOfTheAccountStateAndOwnsTheNamedKpiStores() {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + SCOPE));
        TopologyDescription description = HealthTopology.build(Settings.defaults().topology(), serdes::valueSerde,
                ProcessingListener.NONE).describe();

        assertThat(description.subtopologies()).hasSize(1);
        Map<String, TopologyDescription.Node> nodes = description.subtopologies().iterator().next().nodes().stream()
                .collect(Collectors.toMap(TopologyDescription.Node::name, node -> node));
        TopologyDescription.Processor kpis = (TopologyDescription.Processor) nodes.get(HealthTopology.KPI_PROCESSOR);
        assertThat(kpis.stores()).isEqualTo(Set.of("kpi-periods", "kpi-totals"));
        assertThat(kpis.predecessors()).extracting(TopologyDescription.Node::name)
                .containsExactly(HealthTopology.PROCESSOR);
        assertThat(kpis.successors()).extracting(TopologyDescription.Node::name)
                .containsExactly("to-" + Topics.SAAS_KPIS);
    }
}
