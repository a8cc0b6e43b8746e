package io.healthstream.query;

import io.healthstream.avro.StoredAccount;
import io.healthstream.topology.StoreNames;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's {@code accounts} store. Kafka Streams refuses a store not only when it is looked up but
 * also in the middle of a read, when a rebalance moves or closes its task: either way the question is not
 * answerable right now, never an internal error.
 */
final class AccountStore {
    private AccountStore() {}

    /** What {@code reading} makes of the store (of {@code partition} only, when given). */
    static <T> T read(
            KafkaStreams streams,
            Optional<Integer> partition,
            Function<ReadOnlyKeyValueStore<String, StoredAccount>, T> reading) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, StoredAccount>> query =
                StoreQueryParameters.fromNameAndType(StoreNames.ACCOUNTS, QueryableStoreTypes.keyValueStore());
        try {
            return reading.apply(
                    streams.store(partition.map(query::withPartition).orElse(query)));
        } catch (InvalidStateStoreException e) {
            throw new QueryException(
                    QueryException.Reason.NOT_READY,
                    "the account store is not queryable here right now (" + streams.state() + "); retry");
        }
    }

    /** Before the first assignment or after a failure no store answers, and no task list can be trusted. */
    static void requireServing(KafkaStreams streams) {
        KafkaStreams.State state = streams.state();
        if (!EngineHealth.SERVING.contains(state)) {
            throw new QueryException(
                    QueryException.Reason.NOT_READY,
                    "the account store is not queryable while " + "Kafka Streams is " + state
                            + "; retry when /health/ready is UP");
        }
    }
}
