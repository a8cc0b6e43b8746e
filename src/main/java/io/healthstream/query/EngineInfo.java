package io.healthstream.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** What this instance runs: its version and model, its topology, and its local state stores with their sizes. */
public final class EngineInfo {
    /** A store's approximate entry count over this instance's tasks, or null while it is not queryable. */
    public record StoreSize(String name, Long approximateEntries) {}

    private final KafkaStreams streams;
    private final TopologyDescription topology;
    private final InstanceFacts facts;

    public EngineInfo(KafkaStreams streams, TopologyDescription topology, InstanceFacts facts) {
        this.streams = streams;
        this.topology = topology;
        this.facts = facts;
    }

    public InstanceFacts facts() {
        return facts;
    }

    public String state() {
        return streams.state().name();
    }

    public TopologyDescription topology() {
        return topology;
    }

    /** Every store of the topology, by name, with RocksDB's estimate of its keys in this instance. */
    public Map<String, StoreSize> stores() {
        return topology.subtopologies().stream()
                .flatMap(sub -> sub.nodes().stream())
                .filter(TopologyDescription.Processor.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.toMap(name -> name, this::size, (a, b) -> a, LinkedHashMap::new));
    }

    private StoreSize size(String name) {
        try {
            ReadOnlyKeyValueStore<Object, Object> store =
                    streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
            return new StoreSize(name, store.approximateNumEntries());
        } catch (InvalidStateStoreException e) {
            return new StoreSize(name, null);
        }
    }
}
