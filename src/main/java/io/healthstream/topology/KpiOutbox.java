package io.healthstream.topology;

import io.healthstream.avro.KpiDelta;
import io.healthstream.scoring.kpi.AccountTransition;
import io.healthstream.scoring.kpi.KpiBatch;
import io.healthstream.scoring.kpi.KpiConfig;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The KPI contributions of one account task since its last flush, summed per period and currency.
 * Kept in memory and written through to a cached store on every change, so a crash loses nothing the
 * transaction committed, while the store's changelog sees at most one write per commit.
 */
final class KpiOutbox {
    private static final String KEY = "outbox";

    private final KeyValueStore<String, KpiDelta> store;
    private final KpiConfig config;
    private KpiBatch batch;

    KpiOutbox(KeyValueStore<String, KpiDelta> store, KpiConfig config) {
        this.store = store;
        this.config = config;
        KpiDelta stored = store.get(KEY);
        this.batch = stored == null ? KpiBatch.EMPTY : KpiMapper.toBatch(stored);
    }

    void add(AccountTransition transition) {
        batch = batch.plus(transition, config);
        store.put(KEY, KpiMapper.toDelta(batch, -1, java.time.Instant.EPOCH, false));
    }

    boolean isEmpty() {
        return batch.isEmpty();
    }

    /** What was collected, and an empty outbox. */
    KpiBatch drain() {
        KpiBatch drained = batch;
        if (!batch.isEmpty()) {
            batch = KpiBatch.EMPTY;
            store.delete(KEY);
        }
        return drained;
    }
}
