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
    void kpiProcessorHasItsOwnSubTopologyFedByTheNamedRepartitionTopicAndOwnsTheKpiStores() {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + SCOPE));
        TopologyDescription description = HealthTopology.build(
                        Settings.defaults().topology(), serdes::valueSerde, ProcessingListener.NONE)
                .describe();

        assertThat(description.subtopologies()).hasSize(2);
        Map<String, TopologyDescription.Node> nodes = description.subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(node -> node.name().equals(HealthTopology.KPI_PROCESSOR)))
                .findFirst()
                .orElseThrow()
                .nodes()
                .stream()
                .collect(Collectors.toMap(TopologyDescription.Node::name, node -> node));
        TopologyDescription.Processor kpis = (TopologyDescription.Processor) nodes.get(HealthTopology.KPI_PROCESSOR);
        assertThat(kpis.stores()).isEqualTo(Set.of("kpi-ledger"));
        TopologyDescription.Source source =
                (TopologyDescription.Source) kpis.predecessors().iterator().next();
        assertThat(source.topicSet()).containsExactly("kpi-deltas-repartition");
        assertThat(kpis.successors()).extracting(TopologyDescription.Node::name).containsExactly("ledger-route");
    }
}
