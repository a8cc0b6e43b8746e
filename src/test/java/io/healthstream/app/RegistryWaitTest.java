package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.testsupport.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Defect 7 of issue 13: a start waits for the schema registry with bounded back-off instead of exiting. */
class RegistryWaitTest {
    private static final String URL = "http://registry:8081";
    private static final Duration TINY = Duration.ofMillis(1);

    private final List<Optional<String>> statuses = new ArrayList<>();

    @Test
    void aRegistryThatFailsThreeTimesIsWaitedForWithOneLinePerAttempt() {
        try (LogCapture logs = LogCapture.start()) {
            new RegistryWait(URL, Duration.ofMinutes(1), TINY, TINY.multipliedBy(2)).await(failing(3), statuses::add);

            assertThat(logs.lines())
                    .filteredOn(line -> line.contains(RegistryWait.class.getName()))
                    .hasSize(3)
                    .first()
                    .asString()
                    .startsWith("WARN io.healthstream.app.RegistryWait - Schema registry at http://registry:8081 not"
                            + " reachable (ConnectException: refused 1); attempt 1, next in");
        }
        assertThat(statuses)
                .containsExactly(
                        Optional.of(
                                "waiting for the schema registry at http://registry:8081: ConnectException: refused 1"),
                        Optional.of(
                                "waiting for the schema registry at http://registry:8081: ConnectException: refused 2"),
                        Optional.of(
                                "waiting for the schema registry at http://registry:8081: ConnectException: refused 3"),
                        Optional.empty());
    }

    @Test
    void aRegistryThatNeverAnswersEndsTheStartWithOneLineAfterTheTimeout() {
        RegistryWait wait = new RegistryWait(URL, Duration.ofMillis(200), Duration.ofMillis(10), Duration.ofMillis(20));

        assertThatThrownBy(() -> wait.await(failing(Integer.MAX_VALUE), statuses::add))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("cannot reach the schema registry at http://registry:8081 within 200ms"
                        + " (ConnectException: refused ");
        assertThat(statuses).isNotEmpty().doesNotContain(Optional.empty());
    }

    @Test
    void theBackOffGrowsUpToItsBound() {
        List<Long> delays = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            new RegistryWait(URL, Duration.ofMinutes(1), Duration.ofMillis(20), Duration.ofMillis(80))
                    .await(failing(5), statuses::add);
            logs.lines().stream()
                    .filter(line -> line.contains("next in "))
                    .forEach(line -> delays.add(Long.parseLong(line.replaceAll(".*next in (\\d+) ms.*", "$1"))));
        }
        // Doubling from 20 ms to the 80 ms bound; Failsafe takes the time an attempt took off its delay.
        assertThat(delays).hasSize(5).allSatisfy(delay -> assertThat(delay).isBetween(0L, 80L));
        assertThat(delays.get(0)).isLessThanOrEqualTo(20L);
        assertThat(delays.subList(2, 5)).allSatisfy(delay -> assertThat(delay).isGreaterThan(40L));
    }

    /** A probe whose first {@code failures} calls find the registry unreachable. */
    private static Supplier<Optional<String>> failing(int failures) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            int call = calls.incrementAndGet();
            return call <= failures ? Optional.of("ConnectException: refused " + call) : Optional.empty();
        };
    }
}
