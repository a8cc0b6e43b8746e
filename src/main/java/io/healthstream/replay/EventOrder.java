package io.healthstream.replay;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The order in which a replay feeds the file's events to the topology.
 *
 * <p>{@link #TIME} treats the file as a history: every event in occurred_at order, file order breaking
 * ties. {@link #ARRIVAL} treats it as the four input topics' logs: each topic's lines stay in file
 * order, as a partition keeps its log, and the topics are merged by the occurred_at of each one's next
 * line, ties going to the earlier line, which is what Kafka Streams does with one partition per topic
 * and all of them caught up. An event that arrives after a later one of its topic may then be late.
 *
 * <p>Either way the events are spilled to run files as they are read and merged back by their heads, so a
 * replay's memory does not grow with its file: {@link #TIME} spills sorted runs of bounded size (an external
 * sort), {@link #ARRIVAL} one file per topic in file order.
 */
public enum EventOrder {
    TIME {
        @Override
        Arranger arranger(Path spillDir, long runBytes) {
            return new Arranger(false) {
                private final ExternalSort sort = new ExternalSort(spillDir, runBytes);

                @Override
                void spill(ReplayEvent event, RunEntry entry) throws IOException {
                    inOrder.add(event.occurredAt());
                    sort.add(entry);
                }

                private LongestInOrder inOrder = new LongestInOrder();

                @Override
                long outOfOrder() {
                    return count() - inOrder.length();
                }

                @Override
                RunMerge merge() throws IOException {
                    inOrder = null; // counted: its times need not stay while the events are fed
                    return sort.sorted();
                }

                @Override
                public void close() throws IOException {
                    sort.close();
                }
            };
        }
    },
    ARRIVAL {
        @Override
        Arranger arranger(Path spillDir, long runBytes) {
            return new Arranger(true) {
                private final Map<String, RunFile.Writer> logs = new LinkedHashMap<>();

                @Override
                void spill(ReplayEvent event, RunEntry entry) throws IOException {
                    RunFile.Writer log = logs.get(event.topic());
                    if (log == null) {
                        log = RunFile.create(spillDir);
                        logs.put(event.topic(), log);
                    }
                    log.write(entry);
                }

                @Override
                RunMerge merge() throws IOException {
                    List<Path> files = new ArrayList<>();
                    for (RunFile.Writer log : logs.values()) {
                        log.close();
                        files.add(log.path());
                    }
                    logs.clear();
                    return new RunMerge(files);
                }

                @Override
                long outOfOrder() {
                    return behind();
                }

                @Override
                public void close() throws IOException {
                    for (RunFile.Writer log : logs.values()) {
                        log.close();
                        Files.deleteIfExists(log.path());
                    }
                }
            };
        }
    };

    /**
     * The events in feeding order, read back one at a time. {@code outOfOrder}: for {@link #TIME}, the fewest
     * lines the sort had to move (the lines that are not part of the longest run of the file already in time
     * order); for {@link #ARRIVAL}, the lines whose occurred_at is earlier than an earlier line of the same
     * topic. {@code firstOutOfOrderLine}: the first line earlier than a line above it (of the same topic, for
     * {@link #ARRIVAL}).
     */
    record Arranged(ArrangedEvents events, long count, long outOfOrder, OptionalLong firstOutOfOrderLine) {}

    /** The arranged events; closing deletes the run files. */
    static final class ArrangedEvents implements Closeable {
        private final RunMerge merge;
        private final EventCodec codec = new EventCodec();

        private ArrangedEvents(RunMerge merge) {
            this.merge = merge;
        }

        /** The next event, or null after the last. */
        ReplayEvent next() throws IOException {
            RunEntry entry = merge.next();
            return entry == null ? null : codec.decode(entry);
        }

        /** Every remaining event, for tests of small files. */
        List<ReplayEvent> toList() throws IOException {
            List<ReplayEvent> events = new ArrayList<>();
            for (ReplayEvent event = next(); event != null; event = next()) {
                events.add(event);
            }
            return events;
        }

        @Override
        public void close() throws IOException {
            merge.close();
        }
    }

    /**
     * Takes the file's events in line order, one at a time, spilling them to files under {@code spillDir};
     * {@link #arranged()} gives them back in this order.
     */
    abstract static class Arranger implements Closeable {
        private final EventCodec codec = new EventCodec();
        private final boolean perTopic;
        private final Map<String, Long> latest = new HashMap<>();
        private long count;
        private long behind;
        private OptionalLong firstBehind = OptionalLong.empty();

        private Arranger(boolean perTopic) {
            this.perTopic = perTopic;
        }

        /** Takes the next event of the file; lines must come in increasing order. */
        final void add(ReplayEvent event) throws IOException {
            count++;
            String key = perTopic ? event.topic() : "";
            if (event.occurredAt() < latest.merge(key, event.occurredAt(), Math::max)) {
                behind++;
                firstBehind = firstBehind.isPresent() ? firstBehind : OptionalLong.of(event.line());
            }
            spill(event, codec.encode(event));
        }

        /** Every event taken, in this order; the caller closes its events. */
        final Arranged arranged() throws IOException {
            long outOfOrder = outOfOrder();
            return new Arranged(new ArrangedEvents(merge()), count, outOfOrder, firstBehind);
        }

        final long count() {
            return count;
        }

        /** Lines whose occurred_at is earlier than a line above them (of the same topic, if per topic). */
        final long behind() {
            return behind;
        }

        abstract void spill(ReplayEvent event, RunEntry entry) throws IOException;

        /** Called once, after {@link #outOfOrder()}. */
        abstract RunMerge merge() throws IOException;

        abstract long outOfOrder();
    }

    /** Spills into {@code spillDir}, sorted runs holding at most about {@code runBytes} of heap each. */
    abstract Arranger arranger(Path spillDir, long runBytes);

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

    /**
     * The length of the longest subsequence of the times added that is already in time order (patience
     * sorting, n log n). It keeps one time per element of that subsequence: 8 bytes per event of a file
     * already in order, the one part of the arranging whose memory grows with the file (released before
     * the events are fed).
     */
    private static final class LongestInOrder {
        private long[] tails = new long[1024];
        private int length;

        void add(long time) {
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
            if (low == tails.length) {
                tails = Arrays.copyOf(tails, tails.length * 2);
            }
            tails[low] = time;
            length = Math.max(length, low + 1);
        }

        int length() {
            return length;
        }
    }
}
