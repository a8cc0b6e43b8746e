package io.healthstream.replay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * The order in which a replay feeds the file's events to the topology.
 *
 * <p>{@link #TIME} treats the file as a history: every event in occurred_at order, file order breaking
 * ties. {@link #ARRIVAL} treats it as the four input topics' logs: each topic's lines stay in file
 * order, as a partition keeps its log, and the topics are merged by the occurred_at of each one's next
 * line, ties going to the earlier line, which is what Kafka Streams does with one partition per topic
 * and all of them caught up. An event that arrives after a later one of its topic may then be late.
 */
public enum EventOrder {
    TIME {
        @Override
        Arranged arrange(List<ReplayEvent> fileOrder) {
            List<ReplayEvent> sorted = new ArrayList<>(fileOrder);
            sorted.sort(Comparator.comparingLong(ReplayEvent::occurredAt)); // stable: ties keep file order
            return new Arranged(
                    sorted,
                    fileOrder.size() - longestInOrder(fileOrder),
                    behind(fileOrder, false).first());
        }
    },
    ARRIVAL {
        @Override
        Arranged arrange(List<ReplayEvent> fileOrder) {
            Map<String, Deque<ReplayEvent>> logs = new LinkedHashMap<>();
            fileOrder.forEach(event ->
                    logs.computeIfAbsent(event.topic(), t -> new ArrayDeque<>()).add(event));
            PriorityQueue<Deque<ReplayEvent>> heads = new PriorityQueue<>(Comparator.comparingLong(
                            (Deque<ReplayEvent> log) -> log.peek().occurredAt())
                    .thenComparingLong(log -> log.peek().line()));
            heads.addAll(logs.values());
            List<ReplayEvent> merged = new ArrayList<>(fileOrder.size());
            while (!heads.isEmpty()) {
                Deque<ReplayEvent> log = heads.poll();
                merged.add(log.poll());
                if (!log.isEmpty()) {
                    heads.add(log);
                }
            }
            Behind behind = behind(fileOrder, true);
            return new Arranged(merged, behind.count(), behind.first());
        }
    };

    /**
     * The events in feeding order. {@code outOfOrder}: for {@link #TIME}, the fewest lines the sort had
     * to move (the lines that are not part of the longest run of the file already in time order); for
     * {@link #ARRIVAL}, the lines whose occurred_at is earlier than an earlier line of the same topic.
     * {@code firstOutOfOrderLine}: the first line earlier than a line above it (of the same topic, for
     * {@link #ARRIVAL}).
     */
    record Arranged(List<ReplayEvent> events, long outOfOrder, OptionalLong firstOutOfOrderLine) {}

    /** Puts {@code fileOrder}, the file's events in the order of their lines, in this order. */
    abstract Arranged arrange(List<ReplayEvent> fileOrder);

    /** The name users type: {@code time} or {@code arrival}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code time} or {@code arrival}, in any case. */
    public static EventOrder ofLabel(String label) {
        for (EventOrder order : values()) {
            if (order.label().equalsIgnoreCase(label)) {
                return order;
            }
        }
        throw new IllegalArgumentException("expected time or arrival, got '" + label + "'");
    }

    /** The length of the longest subsequence already in time order (patience sorting, n log n). */
    private static int longestInOrder(List<ReplayEvent> events) {
        long[] tails = new long[events.size()];
        int length = 0;
        for (ReplayEvent event : events) {
            long time = event.occurredAt();
            // The first tail greater than time: equal times may follow each other.
            int low = 0;
            int high = length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (tails[middle] <= time) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            tails[low] = time;
            length = Math.max(length, low + 1);
        }
        return length;
    }

    /** Lines whose occurred_at is earlier than a line above them (of the same topic, if {@code perTopic}). */
    private static Behind behind(List<ReplayEvent> events, boolean perTopic) {
        Map<String, Long> latest = new HashMap<>();
        long count = 0;
        OptionalLong first = OptionalLong.empty();
        for (ReplayEvent event : events) {
            String key = perTopic ? event.topic() : "";
            if (event.occurredAt() < latest.merge(key, event.occurredAt(), Math::max)) {
                count++;
                first = first.isPresent() ? first : OptionalLong.of(event.line());
            }
        }
        return new Behind(count, first);
    }

    private record Behind(long count, OptionalLong first) {}
}
