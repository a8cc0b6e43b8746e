package io.healthstream.topology;

import io.healthstream.avro.CsmOverride;
import io.healthstream.avro.ScoreChange;
import io.healthstream.avro.StoredHistoryEvent;
import io.healthstream.avro.StoredHistoryPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads one account's history from the history stores: the live endpoint reads them over interactive queries,
 * {@code replay} from its test driver, so both show the same history for the same input.
 */
public final class HistoryReader {
    private HistoryReader() {}

    /**
     * The account's points and events from {@code from} to {@code to} (both inclusive), oldest first; of each, the
     * newest {@code limit} when there are more.
     */
    public static AccountHistory read(
            ReadOnlyWindowStore<String, StoredHistoryPoint> points,
            ReadOnlyWindowStore<String, StoredHistoryEvent> events,
            String accountId,
            Instant from,
            Instant to,
            int limit) {
        return new AccountHistory(
                accountId,
                from.toString(),
                to.toString(),
                newest(points, accountId, from, to, limit, HistoryReader::point),
                newest(events, accountId, from, to, limit, HistoryReader::event));
    }

    private static <V, T> List<T> newest(
            ReadOnlyWindowStore<String, V> store,
            String accountId,
            Instant from,
            Instant to,
            int limit,
            BiFunction<Instant, V, T> view) {
        List<T> newestFirst = new ArrayList<>();
        try (WindowStoreIterator<V> entries = store.backwardFetch(accountId, from, to)) {
            while (entries.hasNext() && newestFirst.size() < limit) {
                KeyValue<Long, V> entry = entries.next();
                newestFirst.add(view.apply(Instant.ofEpochMilli(entry.key), entry.value));
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static AccountHistory.Point point(Instant at, StoredHistoryPoint point) {
        return new AccountHistory.Point(
                at.toString(),
                point.getScore(),
                point.getBand().name(),
                new AccountHistory.Components(
                        point.getComponents().getUsage(),
                        point.getComponents().getBilling(),
                        point.getComponents().getSupport(),
                        point.getComponents().getNps()),
                point.getModelVersion(),
                new AccountHistory.Cause(point.getCauseEventId(), point.getCauseEventId() == null ? "TIME" : "EVENT"),
                point.getChanges().stream().map(HistoryReader::change).toList(),
                override(point.getOverride()),
                override(point.getOverrideExpired()));
    }

    private static AccountHistory.Override override(CsmOverride override) {
        return override == null
                ? null
                : new AccountHistory.Override(
                        override.getOverrideId(),
                        override.getBand().name(),
                        override.getScore(),
                        override.getReason(),
                        override.getAuthor(),
                        override.getExpiresAt().toString());
    }

    private static AccountHistory.Change change(ScoreChange change) {
        return new AccountHistory.Change(change.getComponent(), change.getDelta(), change.getReason());
    }

    private static AccountHistory.Event event(Instant at, StoredHistoryEvent event) {
        return new AccountHistory.Event(
                at.toString(), event.getKind().name(), event.getId(), event.getSeverity(), event.getSummary());
    }
}
