package io.healthstream.app;

import java.time.Duration;

/** Thread helpers for the commands that stop what they started. */
final class Threads {
    private Threads() {}

    /** Waits at most {@code timeout} for {@code thread} to end; an interrupt ends the wait and is kept. */
    static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
