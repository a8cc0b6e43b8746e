package io.healthstream.query;

import io.healthstream.avro.StoredHistoryEvent;
import io.healthstream.avro.StoredHistoryPoint;
import io.healthstream.topology.AccountHistory;
import io.healthstream.topology.HistoryReader;
import io.healthstream.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads this instance's history stores; like {@link AccountStore}, a store Kafka Streams refuses means "retry". */
final class HistoryStores {
    private HistoryStores() {}

    static AccountHistory read(
            KafkaStreams streams, Optional<Integer> partition, String accountId, Instant from, Instant to, int limit) {
        try {
            return HistoryReader.read(
                    HistoryStores.<StoredHistoryPoint>store(streams, StoreNames.HISTORY_POINTS, partition),
                    HistoryStores.<StoredHistoryEvent>store(streams, StoreNames.HISTORY_EVENTS, partition),
                    accountId,
                    from,
                    to,
                    limit);
        } catch (InvalidStateStoreException e) {
            throw notReady(streams);
        }
    }

    /** One account's history event, with the account and when it was detected. */
    record Event(String accountId, Instant at, StoredHistoryEvent event) {}

    /** Every history event of this instance's accounts from {@code from} to {@code to} (both inclusive). */
    static List<Event> events(KafkaStreams streams, Instant from, Instant to) {
        List<Event> events = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, StoredHistoryEvent> all = HistoryStores.<StoredHistoryEvent>store(
                        streams, StoreNames.HISTORY_EVENTS, Optional.empty())
                .fetchAll(from, to)) {
            all.forEachRemaining(entry -> events.add(new Event(
                    entry.key.key(), Instant.ofEpochMilli(entry.key.window().start()), entry.value)));
            return events;
        } catch (InvalidStateStoreException e) {
            throw notReady(streams);
        }
    }

    /**
     * Since when the account's published band is {@code band}: the time of the oldest of its latest points up to
     * {@code to} that are all in it, looking back to {@code from}; empty when the latest point is in another band.
     */
    static Optional<Instant> bandSince(KafkaStreams streams, String accountId, String band, Instant from, Instant to) {
        Optional<Instant> since = Optional.empty();
        try (WindowStoreIterator<StoredHistoryPoint> newestFirst = HistoryStores.<StoredHistoryPoint>store(
                        streams, StoreNames.HISTORY_POINTS, Optional.empty())
                .backwardFetch(accountId, from, to)) {
            while (newestFirst.hasNext()) {
                KeyValue<Long, StoredHistoryPoint> point = newestFirst.next();
                if (!point.value.getBand().name().equals(band)) {
                    break;
                }
                since = Optional.of(Instant.ofEpochMilli(point.key));
            }
            return since;
        } catch (InvalidStateStoreException e) {
            throw notReady(streams);
        }
    }

    private static QueryException notReady(KafkaStreams streams) {
        return new QueryException(
                QueryException.Reason.NOT_READY,
                "the history stores are not queryable here right now (" + streams.state() + "); retry");
    }

    private static <V> ReadOnlyWindowStore<String, V> store(
            KafkaStreams streams, String name, Optional<Integer> partition) {
        StoreQueryParameters<ReadOnlyWindowStore<String, V>> query =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.windowStore());
        return streams.store(partition.map(query::withPartition).orElse(query));
    }
}
