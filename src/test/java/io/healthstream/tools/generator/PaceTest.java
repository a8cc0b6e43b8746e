package io.healthstream.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaceTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void compressedClockWaitsForTheEventsSimulatedTime() throws InterruptedException {
        Pace pace = Pace.compressed(START, Duration.ofDays(1).toSeconds() / 0.2); // a day in 200 ms
        long started = System.nanoTime();
        pace.awaitTurn(eventAt(START), 0);
        pace.awaitTurn(eventAt(START.plus(Duration.ofDays(1))), 1);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(190), Duration.ofSeconds(2));
    }

    @Test
    void lateEventsGoAtOnce() throws InterruptedException {
        Pace pace = Pace.compressed(START, 1);
        pace.awaitTurn(eventAt(START), 0);
        long started = System.nanoTime();
        pace.awaitTurn(eventAt(START.minus(Duration.ofDays(3))), 1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
    }

    @Test
    void rateMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pace.perSecond(0));
    }

    private static GeneratedEvent eventAt(Instant at) {
        return new GeneratedEvent("usage-events", "acc-1", null, at);
    }
}
