package io.healthstream.tools.generator;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar (days done, events, events/s and ETA) redrawn in place on a terminal
 * stream, at most a few times a second.
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = Duration.ofMillis(250).toNanos();

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void progressed(int daysDone, int days, long events) {
        long now = System.nanoTime();
        if (daysDone < days && now - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        lastDrawNanos = now;
        out.print("\r" + render(daysDone, days, events, Duration.ofNanos(now - startNanos)));
        if (daysDone == days) {
            out.println();
        }
        out.flush();
    }

    /** The bar's text, e.g. {@code [######....] day 45/90  123,456 events  52,310 ev/s  ETA 0:03}. */
    static String render(int daysDone, int days, long events, Duration elapsed) {
        double fraction = days == 0 ? 1 : (double) daysDone / days;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        long remaining = fraction == 0 ? 0 : Math.round(seconds / fraction - seconds);
        return String.format(
                "[%s%s] day %d/%d  %,d events  %,.0f ev/s  ETA %d:%02d ",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                daysDone,
                days,
                events,
                events / seconds,
                remaining / 60,
                remaining % 60);
    }
}
