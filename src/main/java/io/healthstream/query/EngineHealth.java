package io.healthstream.query;

import io.healthstream.topology.StoreNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Liveness and readiness of a Kafka Streams instance. Live unless Streams failed or stopped; ready
 * only while RUNNING with every store of the topology queryable here (an instance without tasks has
 * nothing to query and is ready: it answers by forwarding). REBALANCING is live but not ready, as in
 * Spring Kafka and Kstreamplify: tasks are moving and a store may answer from a stale or restoring copy.
 */
public final class EngineHealth {
    /**
     * Up or down, the Streams state, for readiness each store's status (null for liveness), and why it is
     * not ready when something outside Streams holds it back (null otherwise).
     */
    public record Report(boolean up, String state, Map<String, String> stores, String reason) {}

    private static final Set<KafkaStreams.State> DEAD = Set.of(
            KafkaStreams.State.ERROR,
            KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.PENDING_SHUTDOWN,
            KafkaStreams.State.NOT_RUNNING);

    /** The states in which stores can answer queries; readiness asks for RUNNING, but queries keep answering. */
    static final Set<KafkaStreams.State> SERVING = Set.of(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);

    /** A store to probe and the type it is queried as. */
    private record Probe(String store, QueryableStoreType<?> type) {}

    private static final List<Probe> STORES =
            List.of(new Probe(StoreNames.ACCOUNTS, QueryableStoreTypes.keyValueStore()));

    private final KafkaStreams streams;
    /** What holds the start back (the schema registry, say), empty once nothing does. */
    private final Supplier<Optional<String>> startupWait;

    public EngineHealth(KafkaStreams streams) {
        this(streams, Optional::empty);
    }

    public EngineHealth(KafkaStreams streams, Supplier<Optional<String>> startupWait) {
        this.streams = streams;
        this.startupWait = startupWait;
    }

    public Report live() {
        KafkaStreams.State state = streams.state();
        return new Report(!DEAD.contains(state), state.name(), null, null);
    }

    public Report ready() {
        KafkaStreams.State state = streams.state();
        Map<String, String> stores = new LinkedHashMap<>();
        boolean ready = state == KafkaStreams.State.RUNNING;
        if (ready) {
            boolean hostsTasks = !LocalTasks.none(streams);
            for (Probe probe : STORES) {
                String status = !hostsTasks ? "no-local-tasks" : queryable(probe) ? "queryable" : "not-queryable";
                stores.put(probe.store(), status);
                ready &= !"not-queryable".equals(status);
            }
        }
        Optional<String> waiting = startupWait.get();
        return new Report(ready && waiting.isEmpty(), state.name(), stores, waiting.orElse(null));
    }

    private boolean queryable(Probe probe) {
        try {
            streams.store(StoreQueryParameters.fromNameAndType(probe.store(), probe.type()));
            return true;
        } catch (InvalidStateStoreException e) {
            return false;
        }
    }
}
