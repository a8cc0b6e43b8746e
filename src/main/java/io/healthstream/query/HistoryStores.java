package io.healthstream.query;

import io.healthstream.avro.StoredHistoryEvent;
import io.healthstream.avro.StoredHistoryPoint;
import io.healthstream.topology.AccountHistory;
import io.healthstream.topology.HistoryReader;
import io.healthstream.topology.StoreNames;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

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
            throw new QueryException(
                    QueryException.Reason.NOT_READY,
                    "the history stores are not queryable here right now (" + streams.state() + "); retry");
        }
    }

    private static <V> ReadOnlyWindowStore<String, V> store(
            KafkaStreams streams, String name, Optional<Integer> partition) {
        StoreQueryParameters<ReadOnlyWindowStore<String, V>> query =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.windowStore());
        return streams.store(partition.map(query::withPartition).orElse(query));
    }
}
