package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedRocksDbMemoryTest {
    private static final long BUDGET = 48L * 1024 * 1024;
    private final BoundedRocksDbMemory setter = new BoundedRocksDbMemory();

    @Test
    @DisplayName(
            "every store gets the one cache and write buffer manager of the budget, index and filters in the cache")
    void storesShareOneBudget() {
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(BUDGET));
        try (Options accounts = storeOptions();
                Options ledger = storeOptions()) {
            setter.setConfig("accounts", accounts, configs);
            setter.setConfig("kpi-ledger", ledger, configs);

            BoundedRocksDbMemory.Shared shared = BoundedRocksDbMemory.shared(BUDGET);
            assertThat(accounts.writeBufferManager()).isSameAs(shared.writeBufferManager());
            assertThat(ledger.writeBufferManager()).isSameAs(shared.writeBufferManager());
            BlockBasedTableConfig table = (BlockBasedTableConfig) accounts.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
        }
    }

    @Test
    @DisplayName("a budget of another size gets a cache of its own")
    void anotherBudgetAnotherCache() {
        assertThat(BoundedRocksDbMemory.shared(BUDGET).cache())
                .isNotSameAs(BoundedRocksDbMemory.shared(2 * BUDGET).cache());
    }

    @Test
    @DisplayName("without a budget in the configuration the setter refuses rather than leave memory unbounded")
    void noBudgetIsRefused() {
        try (Options options = storeOptions()) {
            assertThatThrownBy(() -> setter.setConfig("accounts", options, Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG);
        }
    }

    @Test
    @DisplayName("a Kafka Streams store charges its memtable to the budget's shared cache")
    void aStreamsStoreRunsUnderTheBudget(@TempDir Path stateDir) {
        long budget = 40L * 1024 * 1024;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-rocksdb");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, budget);
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("values", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("a-store"));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> input =
                    driver.createInputTopic("values", new StringSerializer(), new StringSerializer());
            for (int i = 0; i < 1_000; i++) {
                input.pipeInput("key-" + i, "value ".repeat(20));
            }

            assertThat(BoundedRocksDbMemory.shared(budget).cache().getUsage()).isPositive();
        }
    }

    /** As Kafka Streams hands them to a config setter: a block-based table config in place. */
    private static Options storeOptions() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        return options;
    }
}
