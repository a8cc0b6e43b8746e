package io.healthstream.replay;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The lines of the events fed since the driver was last drained, by topic and offset, so that a dead letter's
 * offset header leads back to its line. Only the events since the last drain are kept: the driver rejects an
 * event while it is piped in, so its dead letter is read at the next drain.
 */
final class FedLines {
    private final Map<String, Log> logs = new HashMap<>();

    /** The next event of {@code topic}, whose driver offset is one more than the previous one's. */
    void fed(String topic, long line) {
        logs.computeIfAbsent(topic, t -> new Log()).add(line);
    }

    /** Whether events were fed to {@code topic}: its dead letters are input events the engine rejected. */
    boolean isInput(String topic) {
        return topic != null && logs.containsKey(topic);
    }

    /** The line fed to {@code topic} at {@code offset} since the last {@link #forget()}, or -1. */
    long line(String topic, long offset) {
        Log log = topic == null ? null : logs.get(topic);
        return log == null ? -1 : log.line(offset);
    }

    /** Drops the lines fed so far; offsets go on counting. */
    void forget() {
        logs.values().forEach(Log::forget);
    }

    private static final class Log {
        private long firstOffset;
        private long[] lines = new long[256];
        private int size;

        void add(long line) {
            if (size == lines.length) {
                lines = Arrays.copyOf(lines, size * 2);
            }
            lines[size++] = line;
        }

        long line(long offset) {
            long index = offset - firstOffset;
            return index >= 0 && index < size ? lines[(int) index] : -1;
        }

        void forget() {
            firstOffset += size;
            size = 0;
        }
    }
}
