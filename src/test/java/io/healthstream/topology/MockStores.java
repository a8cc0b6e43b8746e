package io.healthstream.topology;

import io.healthstream.avro.StoredHistoryEvent;
import io.healthstream.avro.StoredHistoryPoint;
import io.healthstream.avro.StoredPendingHealth;
import io.healthstream.avro.StoredSegmentChurnRates;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.serde.SchemaRegistryConfig;
import io.healthstream.serde.SingleObjectSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * In-memory stores for a processor under a {@link MockProcessorContext}, with the real Avro serdes, so what a
 * processor stores goes through its stored form. Each store has a {@code mock://} registry scope of its own
 * (the mock context names every store's topic alike). Close it after the test.
 */
final class MockStores implements AutoCloseable {
    private final String scope = "mock-stores-" + System.nanoTime() + "-";
    private final List<String> scopes = new ArrayList<>();
    private final MockProcessorContext<?, ?> context;

    MockStores(MockProcessorContext<?, ?> context) {
        this.context = context;
    }

    /** A store named {@code name} of {@code type} values, registered with the context. */
    <V extends SpecificRecord> KeyValueStore<String, V> add(String name, Class<V> type) {
        scopes.add(scope + name);
        AvroSerdes serdes = new AvroSerdes(SchemaRegistryConfig.forUrl(MockSchemaRegistry.SCHEME + scope + name));
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), serdes.valueSerde(type))
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** The account processor's two history stores, in memory, keeping duplicates as the real ones do. */
    /** The history stores, and the LTV gate's pending store and global segment churn rates, all empty. */
    void addHistory() {
        addWindowStore(StoreNames.HISTORY_POINTS, StoredHistoryPoint.class);
        addWindowStore(StoreNames.HISTORY_EVENTS, StoredHistoryEvent.class);
        add(StoreNames.LTV_PENDING, StoredPendingHealth.class);
        // As if the KPI ledger had closed every month these tests use, none with a tally: no AccountHealth record
        // waits for a rate, each says "not enough history".
        add(StoreNames.SEGMENT_CHURN, StoredSegmentChurnRates.class)
                .put(KpiMapper.CLOSED_MONTHS_KEY, new StoredSegmentChurnRates("9999-12", 0, null, Map.of()));
    }

    private <V extends SpecificRecord> void addWindowStore(String name, Class<V> type) {
        WindowStore<String, V> store = Stores.windowStoreBuilder(
                        Stores.inMemoryWindowStore(name, Duration.ofDays(400), Duration.ofMillis(1), true),
                        Serdes.String(),
                        SingleObjectSerde.of(type))
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @Override
    public void close() {
        scopes.forEach(MockSchemaRegistry::dropScope);
    }
}
