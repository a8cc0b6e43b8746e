package io.healthstream.metrics;

import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.Band;
import io.healthstream.topology.StoreNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts accounts by their last published band in this instance's active {@code accounts}
 * stores. Counting the store, not band transitions, keeps the gauge right across restarts and task
 * moves; the count is cached so scrapes do not each scan the store. Summed over instances it is the
 * portfolio.
 */
final class AccountsByBand {
    private final KafkaStreams streams;
    private final Clock clock;
    private final Duration maxAge;
    private Map<Band, Long> counts = new EnumMap<>(Band.class);
    private Instant countedAt = Instant.MIN;

    AccountsByBand(KafkaStreams streams, Clock clock, Duration maxAge) {
        this.streams = streams;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    synchronized double count(Band band) {
        Instant now = clock.instant();
        if (countedAt.plus(maxAge).isBefore(now)) {
            counts = recount();
            countedAt = now;
        }
        return counts.getOrDefault(band, 0L);
    }

    private boolean hostsNoTask() {
        return streams.metadataForLocalThreads().stream().allMatch(thread -> thread.activeTasks().isEmpty());
    }

    private Map<Band, Long> recount() {
        Map<Band, Long> fresh = new EnumMap<>(Band.class);
        try {
            ReadOnlyKeyValueStore<String, StoredAccount> store = streams.store(StoreQueryParameters.fromNameAndType(
                    StoreNames.ACCOUNTS, QueryableStoreTypes.<String, StoredAccount>keyValueStore()));
            try (KeyValueIterator<String, StoredAccount> all = store.all()) {
                all.forEachRemaining(account -> {
                    if (account.value.getLastBand() != null) {
                        fresh.merge(Band.valueOf(account.value.getLastBand().name()), 1L, Long::sum);
                    }
                });
            }
            return fresh;
        } catch (InvalidStateStoreException e) {
            // Starting, rebalancing or restoring: keep the last count rather than drop to zero,
            // unless this instance no longer hosts any task (its accounts are counted elsewhere).
            return hostsNoTask() ? fresh : counts;
        }
    }
}
