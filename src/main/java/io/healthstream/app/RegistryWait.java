package io.healthstream.app;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start until the schema registry answers, so an instance restarted during a short registry
 * outage comes up once the registry is back instead of exiting. Retries with exponential back-off
 * (Failsafe), one log line per attempt, for at most {@code schema.registry.startup.timeout}; the
 * current problem is handed to {@code status} (for {@code /health/ready}) until the registry answers.
 */
final class RegistryWait {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(RegistryWait.class);

    private final String url;
    private final Duration timeout;
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    RegistryWait(String url, Duration timeout) {
        this(url, timeout, FIRST_BACKOFF, MAX_BACKOFF);
    }

    RegistryWait(String url, Duration timeout, Duration firstBackoff, Duration maxBackoff) {
        this.url = url;
        this.timeout = timeout;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Asks {@code probe} (a problem, or empty once the registry answers) until it answers or the timeout
     * passes; tells {@code status} each problem, and empty at the end.
     *
     * @throws UserError when the registry did not answer within the timeout
     */
    void await(Supplier<Optional<String>> probe, Consumer<Optional<String>> status) {
        RetryPolicy<Optional<String>> policy = RetryPolicy.<Optional<String>>builder()
                .handleResultIf(Optional::isPresent)
                .withBackoff(firstBackoff, maxBackoff)
                .withMaxRetries(-1)
                .withMaxDuration(timeout)
                .onRetryScheduled(event -> {
                    String problem = event.getLastResult().orElseThrow();
                    status.accept(Optional.of("waiting for the schema registry at " + url + ": " + problem));
                    LOG.warn(
                            "Schema registry at {} not reachable ({}); attempt {}, next in {} ms, giving up after {}",
                            url,
                            problem,
                            event.getAttemptCount(),
                            event.getDelay().toMillis(),
                            ConfigKeys.duration(timeout));
                })
                .build();
        Optional<String> problem = Failsafe.with(policy).get(probe::get);
        if (problem.isPresent()) {
            throw new UserError("cannot reach the schema registry at " + url + " within " + ConfigKeys.duration(timeout)
                    + " (" + problem.get() + ")");
        }
        status.accept(Optional.empty());
    }
}
