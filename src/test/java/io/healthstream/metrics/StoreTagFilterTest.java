package io.healthstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

class StoreTagFilterTest {
    private final StoreTagFilter filter = new StoreTagFilter();

    @Test
    void keyValueAndWindowStoresShareOneStoreTag() {
        Meter.Id keyValue = id("kafka.stream-state.estimate-num-keys", "rocksdb.state.id", "accounts");
        Meter.Id window = id("kafka.stream-state.estimate-num-keys", "rocksdb.window.state.id", "seen-event-ids");

        assertThat(filter.map(keyValue).getTags()).contains(Tag.of("store", "accounts"));
        assertThat(filter.map(window).getTags()).contains(Tag.of("store", "seen-event-ids"));
    }

    @Test
    void otherMetricsKeepTheirTags() {
        Meter.Id thread = id("kafka.stream-thread.process-total", "rocksdb.state.id", "x");

        assertThat(filter.map(thread)).isEqualTo(thread);
    }

    private static Meter.Id id(String name, String key, String value) {
        return new Meter.Id(name, Tags.of(key, value, "task.id", "0_0"), null, null, Meter.Type.GAUGE);
    }
}
