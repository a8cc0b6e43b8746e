package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.topology.BoundedRocksDbMemory;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code rocksdb.memory.mb}: validated, and the budget the stores' RocksDB really runs under. */
class RocksDbMemorySettingTest {
    private static final long MIB = 1024L * 1024;

    @Test
    @DisplayName("the Streams configuration carries the bounded setter and the budget in bytes")
    void theStreamsConfigurationCarriesTheBudget() {
        Properties props = Settings.of(Map.of("rocksdb.memory.mb", "40")).streamsProperties();

        assertThat(props)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName())
                .containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 40 * MIB);
    }

    @Test
    @DisplayName("a setter of the user's own replaces it")
    void aKafkaKeyReplacesTheSetter() {
        Properties props = Settings.of(Map.of("kafka.rocksdb.config.setter", "com.example.MySetter"))
                .streamsProperties();

        assertThat(props).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "com.example.MySetter");
    }

    @Test
    @DisplayName("less than 16 MiB is a one-line mistake naming the key")
    void tooSmallABudgetIsRefused() {
        assertThatThrownBy(() -> Settings.of(Map.of("rocksdb.memory.mb", "8")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("invalid setting 'rocksdb.memory.mb'")
                .hasMessageContaining("16 to 1048576")
                .hasMessageNotContaining("\n");
    }
}
