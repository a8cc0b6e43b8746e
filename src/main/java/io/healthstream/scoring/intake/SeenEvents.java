package io.healthstream.scoring.intake;

import io.healthstream.scoring.EventSource;
import io.healthstream.scoring.IdHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The ids of one account's applied events, while they can still change something: per source, 64-bit
 * hashes bucketed by the UTC day of the event's occurred_at. A bucket expires as a whole once every
 * event of its day is older than the source's horizon, and such events are late anyway, so the set
 * covers exactly the events that could still be counted twice. Immutable.
 */
public record SeenEvents(List<Bucket> buckets) {
    public static final SeenEvents NONE = new SeenEvents(List.of());
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    public SeenEvents {
        buckets = List.copyOf(buckets);
    }

    /** The ids seen from one source on one day ({@code epochDay}), as sorted hashes. */
    public record Bucket(EventSource source, long epochDay, long[] hashes) {
        public Bucket {
            hashes = hashes.clone();
            Arrays.sort(hashes);
        }

        boolean holds(EventSource from, long hash) {
            return source == from && Arrays.binarySearch(hashes, hash) >= 0;
        }

        Bucket with(long hash) {
            long[] more = Arrays.copyOf(hashes, hashes.length + 1);
            more[hashes.length] = hash;
            return new Bucket(source, epochDay, more);
        }

        Instant end() {
            return Instant.ofEpochMilli((epochDay + 1) * DAY_MILLIS);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bucket b
                    && b.source == source
                    && b.epochDay == epochDay
                    && Arrays.equals(b.hashes, hashes);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * source.hashCode() + Long.hashCode(epochDay)) + Arrays.hashCode(hashes);
        }

        @Override
        public String toString() {
            return source + "@" + epochDay + Arrays.toString(hashes);
        }
    }

    public boolean contains(EventSource source, String eventId) {
        long hash = IdHash.of(eventId);
        for (Bucket bucket : buckets) {
            if (bucket.holds(source, hash)) {
                return true;
            }
        }
        return false;
    }

    /** These ids plus {@code eventId} from {@code source}, which occurred at {@code at}. */
    public SeenEvents with(EventSource source, String eventId, Instant at) {
        long day = Math.floorDiv(at.toEpochMilli(), DAY_MILLIS);
        long hash = IdHash.of(eventId);
        List<Bucket> updated = new ArrayList<>(buckets.size() + 1);
        boolean added = false;
        for (Bucket bucket : buckets) {
            if (!added && bucket.source() == source && bucket.epochDay() == day) {
                updated.add(bucket.with(hash));
                added = true;
            } else {
                updated.add(bucket);
            }
        }
        if (!added) {
            updated.add(new Bucket(source, day, new long[] {hash}));
            updated.sort(Comparator.comparing(Bucket::source).thenComparingLong(Bucket::epochDay));
        }
        return new SeenEvents(updated);
    }

    /** Without the buckets whose every event is late at {@code clock}: older than the source's horizon. */
    public SeenEvents expire(EventHorizons horizons, Instant clock) {
        List<Bucket> kept = buckets.stream()
                .filter(bucket -> bucket.end().isAfter(clock.minus(horizons.of(bucket.source()))))
                .toList();
        return kept.size() == buckets.size() ? this : new SeenEvents(kept);
    }

    public int size() {
        return buckets.stream().mapToInt(bucket -> bucket.hashes().length).sum();
    }
}
