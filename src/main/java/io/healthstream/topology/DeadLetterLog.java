package io.healthstream.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps bad input from flooding the log: per dead-letter reason, the first record of each interval is
 * logged (one line), the others are only counted, and one summary line per reason and interval gives
 * their number; the details of every record are in its DLQ headers and the metrics. Shared by the
 * exception handlers of one instance, to which it travels in the Streams configuration under
 * {@link #CONFIG}, as {@link DeadLetterListener} does.
 */
public final class DeadLetterLog {
    /** The Streams configuration key under which the log travels to the handlers. */
    public static final String CONFIG = "healthstream.dead-letter.log";

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** Longest failure text in a log line: a 1 MB string in a bad record stays out of the log. */
    static final int MAX_DETAIL_LENGTH = 300;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLog.class);

    private final Clock clock;
    private final Duration interval;
    private final Map<String, Window> windows = new TreeMap<>();

    /** Dead letters of one reason since {@code start}, of which the first was logged. */
    private static final class Window {
        final Instant start;
        long unlogged;

        Window(Instant start) {
            this.start = start;
        }
    }

    public DeadLetterLog(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Hands {@code log} to the exception handlers that Streams will create from {@code streamsConfig}. */
    public static void attach(Map<Object, Object> streamsConfig, DeadLetterLog log) {
        streamsConfig.put(CONFIG, log);
    }

    /** The log attached to a handler's configuration, or one of the handler's own. */
    static DeadLetterLog of(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetterLog log
                ? log
                : new DeadLetterLog(Clock.systemUTC(), DEFAULT_INTERVAL);
    }

    /**
     * Whether a dead letter with {@code reason} is to be logged: the first of its interval is; the others
     * are counted for the summary. A summary that is due is logged first.
     */
    public synchronized boolean admit(String reason) {
        Instant now = clock.instant();
        Window window = windows.get(reason);
        if (window != null && !now.isBefore(window.start.plus(interval))) {
            summarize(reason, window);
            window = null;
        }
        if (window == null) {
            windows.put(reason, new Window(now));
            return true;
        }
        window.unlogged++;
        return false;
    }

    /** Logs the summaries whose interval has passed; called on a schedule, so a burst's count is not held back. */
    public synchronized void flushDue() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Window> entry = it.next();
            if (!now.isBefore(entry.getValue().start.plus(interval))) {
                summarize(entry.getKey(), entry.getValue());
                it.remove();
            }
        }
    }

    /** Logs every summary still open, at the end of a run. */
    public synchronized void flush() {
        windows.forEach(this::summarize);
        windows.clear();
    }

    /** A failure as one short line: its message (its type when it has none), cut at {@value #MAX_DETAIL_LENGTH}. */
    public static String describe(Throwable failure) {
        String text = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName()
                : failure.getMessage();
        text = text.replaceAll("\\s+", " ");
        return text.length() <= MAX_DETAIL_LENGTH ? text : text.substring(0, MAX_DETAIL_LENGTH) + "...[cut]";
    }

    private void summarize(String reason, Window window) {
        if (window.unlogged > 0) {
            LOG.warn(
                    "{} more records dead-lettered with reason {} since {} (only the first was logged; see the {}"
                            + " headers and healthstream_dlq_records_total)",
                    window.unlogged,
                    reason,
                    window.start,
                    Topics.DEAD_LETTER);
        }
    }
}
