package io.healthstream.replay;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Says how far a replay is, every tenth of its events: a replay of millions of events runs for many minutes. Quiet
 * for a while first if asked, so that a short replay prints nothing. Parts replayed side by side may report to one.
 */
final class FeedProgress {
    private final long total;
    private final Consumer<String> progress;
    private final long quietNanos;
    private final long started;
    private final AtomicLong fed = new AtomicLong();

    /**
     * {@code progress} hears one line per tenth of the {@code total} events fed, once {@code quietFor} has passed
     * since {@code startedNanos} ({@link System#nanoTime()}).
     */
    FeedProgress(long total, Consumer<String> progress, Duration quietFor, long startedNanos) {
        this.total = total;
        this.progress = progress;
        this.quietNanos = quietFor.toNanos();
        this.started = startedNanos;
    }

    /** Feeding begins after the input was read: said only when reading took longer than the quiet time. */
    void read() {
        long nanos = elapsed();
        if (nanos >= quietNanos) {
            progress.accept(
                    String.format(Locale.ROOT, "read %,d events in %.1f s; replaying them", total, nanos / 1e9));
        }
    }

    void fed(long events) {
        long before = fed.getAndAdd(events);
        long tenth = Math.max(1, total / 10);
        long nanos = elapsed();
        if ((before + events) / tenth > before / tenth && nanos >= quietNanos) {
            double seconds = nanos / 1e9;
            progress.accept(String.format(
                    Locale.ROOT,
                    "replayed %,d of %,d events (%.1f s, %,.0f events/s)",
                    before + events,
                    total,
                    seconds,
                    (before + events) / Math.max(seconds, 1e-3)));
        }
    }

    private long elapsed() {
        return System.nanoTime() - started;
    }
}
