package io.healthstream.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the native memory of every RocksDB store of the process by one budget: all stores share one block cache
 * of that size, and their memtables are charged to the same cache through one write buffer manager (half of it at
 * most), so that memory no longer grows with the number of stores and tasks an instance holds. Index and filter
 * blocks live in the cache too, else they would sit outside the budget. This is the pattern of the Kafka Streams
 * memory-management guide.
 *
 * <p>Kafka Streams instantiates this class by name for each store; the budget comes from the Streams configuration
 * under {@link #MEMORY_BYTES_CONFIG}, which {@code rocksdb.memory.mb} sets.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** The Streams configuration key (not a Kafka one) the budget is handed over in, in bytes. */
    public static final String MEMORY_BYTES_CONFIG = "healthstream.rocksdb.memory.bytes";

    /** Memtables may take at most this share of the budget, so reads keep a cache. */
    private static final double WRITE_BUFFER_SHARE = 0.5;
    /** Index and filter blocks go to the high-priority pool, which this share of the cache is reserved for. */
    private static final double HIGH_PRIORITY_SHARE = 0.1;

    /** One cache and write buffer manager per budget: every store of the process shares them. */
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    record Shared(Cache cache, WriteBufferManager writeBufferManager) {}

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object budget = configs.get(MEMORY_BYTES_CONFIG);
        if (budget == null) {
            throw new IllegalStateException(MEMORY_BYTES_CONFIG + " is not set; Settings sets it with this class");
        }
        Shared shared = shared(Long.parseLong(budget.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(shared.writeBufferManager());
        options.setTableFormatConfig(table);
    }

    /** The cache and write buffer manager shared by every store under a budget of {@code bytes}. */
    static Shared shared(long bytes) {
        return SHARED.computeIfAbsent(bytes, total -> {
            Cache cache = new LRUCache(total, -1, false, HIGH_PRIORITY_SHARE);
            return new Shared(cache, new WriteBufferManager((long) (total * WRITE_BUFFER_SHARE), cache));
        });
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store of the process: never closed here.
    }
}
