package io.healthstream.app;

import io.healthstream.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that creates {@link KafkaStreams} and owns its lifecycle, nothing else: logs state
 * changes, stops the client when a stream thread fails, and closes it with a timeout, on SIGTERM/SIGINT
 * too. What runs inside it is put together by {@link Engine}.
 */
final class StreamsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final Duration closeTimeout;
    private final KafkaStreams streams;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread closeOnShutdown = new Thread(this::close, "healthstream-streams-close");
    private final RestoreProgress restoreProgress = new RestoreProgress();

    /** A runner of {@code topology} with {@code config}, whose {@link #close()} waits at most {@code closeTimeout}. */
    StreamsRunner(Topology topology, Properties config, Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
        LOG.debug("Topology:\n{}", topology.describe());
        this.streams = new KafkaStreams(topology, config);
        streams.setUncaughtExceptionHandler(exception -> {
            StreamThreadExceptionResponse response = responseTo(exception);
            if (response == StreamThreadExceptionResponse.SHUTDOWN_CLIENT) {
                failed.set(true);
            }
            return response;
        });
        streams.setStateListener(this::onStateChange);
        streams.setGlobalStateRestoreListener(restoreProgress);
    }

    /** Starts processing, and arranges a close on JVM shutdown. */
    void start() {
        Runtime.getRuntime().addShutdownHook(closeOnShutdown);
        streams.start();
    }

    /** The client, for state, interactive queries and metrics. */
    KafkaStreams streams() {
        return streams;
    }

    /** What restores of the state from the changelogs brought back since the start. */
    RestoreProgress.Totals restored() {
        return restoreProgress.totals();
    }

    /** Blocks until the client has stopped; true when it stopped because a stream thread failed. */
    boolean awaitTermination() throws InterruptedException {
        terminated.await();
        return failed.get();
    }

    /** Waits at most {@code timeout} for the client to reach {@code state}; true if it did. */
    boolean awaitState(KafkaStreams.State state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != state) {
            if (System.nanoTime() > deadline || terminated.await(100, TimeUnit.MILLISECONDS)) {
                return streams.state() == state;
            }
        }
        return true;
    }

    /**
     * Closes the client, waiting at most the close timeout. Idempotent, and synchronized so a second
     * caller (the shutdown hook, a demo tearing down) returns only once the client is closed.
     */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Closing Kafka Streams (waiting at most {} s)", closeTimeout.toSeconds());
        boolean clean = streams.close(CloseOptions.timeout(closeTimeout));
        if (!clean) {
            LOG.warn(
                    "Kafka Streams did not close within {} s; is the broker still reachable?",
                    closeTimeout.toSeconds());
        }
        terminated.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnShutdown);
        } catch (IllegalStateException jvmShuttingDown) {
            // This close runs from the hook, or the hook is about to call it again: both are fine.
        }
    }

    /**
     * A schema registry outage is no reason to stop: the thread is replaced and its records are retried from
     * the last commit (exactly-once aborts what the failed thread had not committed), so the instance
     * resumes by itself once the registry answers. Any other failure stops the instance.
     */
    static StreamThreadExceptionResponse responseTo(Throwable exception) {
        if (SchemaRegistryException.isOutage(exception)) {
            LOG.warn(
                    "Schema registry unavailable ({}); replacing the stream thread, its records are retried from the"
                            + " last commit",
                    registryProblem(exception));
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("A stream thread failed; shutting down this healthstream instance", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static String registryProblem(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException) {
                return t.getMessage();
            }
        }
        return exception.toString();
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        LOG.info("Kafka Streams state {} -> {}", oldState, newState);
        if (newState == KafkaStreams.State.ERROR) {
            failed.set(true);
        }
        if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
            terminated.countDown();
        }
    }
}
