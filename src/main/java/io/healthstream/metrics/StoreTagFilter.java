package io.healthstream.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Kafka Streams tags state-store metrics with a key named after the store type
 * ({@code rocksdb-state-id}, {@code rocksdb-window-state-id}, ...). Prometheus wants one set of tag
 * keys per metric name and drops the rest, so a key-value store's size would vanish next to a window
 * store's; every such key becomes {@code store}.
 */
final class StoreTagFilter implements MeterFilter {
    // Compared with dashes as dots: the Kafka binder keeps Kafka's dashes in names and dots them in tag keys.
    private static final String STATE_METRICS = "kafka.stream.state.";
    private static final String STORE_KEY_SUFFIX = ".state.id";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!dotted(id.getName()).startsWith(STATE_METRICS)) {
            return id;
        }
        return id.replaceTags(id.getTags().stream()
                .map(tag -> dotted(tag.getKey()).endsWith(STORE_KEY_SUFFIX) ? Tag.of("store", tag.getValue()) : tag)
                .toList());
    }

    private static String dotted(String text) {
        return text.replace('-', '.');
    }
}
