package io.healthstream.tools.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongBiFunction;

/** When the next event may be published: as fast as possible, at a fixed rate, or on a compressed clock. */
@FunctionalInterface
public interface Pace {
    /** Blocks until {@code event}, the {@code index}-th (0-based), is due. */
    void awaitTurn(GeneratedEvent event, long index) throws InterruptedException;

    /** No waiting: as fast as the broker takes it. */
    static Pace unlimited() {
        return (event, index) -> {};
    }

    /** {@code eventsPerSecond} on average, measured from the first event. */
    static Pace perSecond(double eventsPerSecond) {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + eventsPerSecond);
        }
        return fromFirstEvent((event, index) -> (long) (index * 1e9 / eventsPerSecond));
    }

    /**
     * Simulated time runs {@code speedUp} times faster than the wall clock from the first event on, so
     * {@code days} of history play out in {@code days / speedUp}; late events (older than the clock) go at once.
     */
    static Pace compressed(Instant simulationStart, double speedUp) {
        return fromFirstEvent((event, index) ->
                (long) (Duration.between(simulationStart, event.occurredAt()).toNanos() / speedUp));
    }

    /** Each event's turn comes {@code offsetNanos} after the first event's, on the wall clock. */
    private static Pace fromFirstEvent(ToLongBiFunction<GeneratedEvent, Long> offsetNanos) {
        return new Pace() {
            private long startNanos = -1;

            @Override
            public void awaitTurn(GeneratedEvent event, long index) throws InterruptedException {
                if (startNanos < 0) {
                    startNanos = System.nanoTime();
                }
                sleepUntil(startNanos + offsetNanos.applyAsLong(event, index));
            }
        };
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
