package io.healthstream.api;

import io.healthstream.query.EngineInfo;
import io.healthstream.query.InstanceFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;

/** {@code GET /info} and {@code GET /topology}: what this instance runs, for operators. */
final class InfoRoutes {
    private static final String TEXT = "text/plain; charset=utf-8";

    private final EngineInfo info;

    InfoRoutes(EngineInfo info) {
        this.info = info;
    }

    ApiResponse info() {
        InstanceFacts facts = info.facts();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", facts.version());
        body.put("model_version", facts.modelVersion());
        body.put("application_id", facts.applicationId());
        body.put("processing_guarantee", facts.processingGuarantee());
        body.put("state", info.state());
        List<Map<String, Object>> stores = new ArrayList<>();
        info.stores().values().forEach(store -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", store.name());
            entry.put("approximate_entries", store.approximateEntries());
            stores.add(entry);
        });
        body.put("stores", stores);
        return ApiResponse.json(200, body);
    }

    /** {@code Topology#describe()}: JSON by default, Kafka's own text with {@code format=text}. */
    ApiResponse topology(ApiRequest request) {
        String format = request.param("format").orElse("json");
        return switch (format) {
            case "json" -> ApiResponse.json(200, json(info.topology()));
            case "text" -> ApiResponse.text(TEXT, info.topology().toString());
            default -> throw new ApiException(400, "format must be json or text, not '" + format + "'");
        };
    }

    private static Map<String, Object> json(TopologyDescription description) {
        List<Map<String, Object>> subtopologies = new ArrayList<>();
        description.subtopologies().stream()
                .sorted((a, b) -> Integer.compare(a.id(), b.id()))
                .forEach(sub -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("id", sub.id());
                    entry.put(
                            "nodes", sub.nodes().stream().map(InfoRoutes::node).toList());
                    subtopologies.add(entry);
                });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subtopologies", subtopologies);
        body.put("global_stores", description.globalStores().size());
        return body;
    }

    private static Map<String, Object> node(TopologyDescription.Node node) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", node.name());
        if (node instanceof TopologyDescription.Source source) {
            entry.put("type", "source");
            entry.put("topics", source.topicSet() == null ? List.of() : List.copyOf(source.topicSet()));
        } else if (node instanceof TopologyDescription.Sink sink) {
            entry.put("type", "sink");
            entry.put("topic", sink.topic());
        } else if (node instanceof TopologyDescription.Processor processor) {
            entry.put("type", "processor");
            entry.put("stores", List.copyOf(processor.stores()));
        }
        entry.put("predecessors", names(node.predecessors()));
        entry.put("successors", names(node.successors()));
        return entry;
    }

    private static List<String> names(Set<TopologyDescription.Node> nodes) {
        return nodes.stream().map(TopologyDescription.Node::name).sorted().toList();
    }
}
