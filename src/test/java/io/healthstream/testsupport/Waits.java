package io.healthstream.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits with a deadline, on Awaitility, for what {@code await().until(...)} alone does not cover: conditions a
 * test asserts on afterwards with its own message, whatever they came to by the deadline.
 */
public final class Waits {
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * Between two checks: short against the waits (seconds), long enough that a check calling over HTTP or Kafka
     * does not take the CPU from the processes under test (2 cores in CI).
     */
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Waits() {}

    /**
     * Polls {@code consumer} on this thread (a consumer is not thread-safe) into {@code sink} until {@code enough}
     * holds or {@code timeout} passes; what arrived stays in the sink either way, for the test to assert on.
     */
    public static <K, V> void pollUntil(
            Consumer<K, V> consumer,
            Duration timeout,
            java.util.function.Consumer<ConsumerRecord<K, V>> sink,
            BooleanSupplier enough) {
        at(timeout, () -> {
            if (!enough.getAsBoolean()) {
                consumer.poll(POLL).forEach(sink);
            }
            return enough.getAsBoolean();
        });
    }

    /** Checks {@code condition} on this thread until it holds or {@code timeout} passes; the test asserts afterwards. */
    public static void atMost(Duration timeout, BooleanSupplier condition) {
        at(timeout, condition);
    }

    private static void at(Duration timeout, BooleanSupplier condition) {
        try {
            await().atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(INTERVAL)
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            // The caller's assertion says what is missing, with the details it has.
        }
    }
}
