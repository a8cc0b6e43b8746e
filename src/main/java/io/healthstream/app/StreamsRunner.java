package io.healthstream.app;

import io.healthstream.topology.DeadLetterListener;
import io.healthstream.api.ObservabilityServer;
import io.healthstream.metrics.HealthMetrics;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.topology.DeadLetterRecords;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The one place that creates {@link KafkaStreams} and owns its lifecycle: logs the effective
 * configuration once (secrets hidden), checks that the topics exist, starts the engine with its
 * metrics and its HTTP endpoint (metrics, health, account queries), stops the client on a thread
 * failure, and closes everything with a timeout on SIGTERM/SIGINT.
 */
public final class StreamsRunner implements AutoCloseable {
    /** How long {@link #close()} waits by default for the stream threads to commit and stop. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** The topics the topology reads or writes; a missing one stops the start. */
    static final List<String> REQUIRED_TOPICS = Stream.concat(Stream.concat(Topics.INPUTS.stream(),
            Topics.OUTPUTS.stream()), Stream.of(Topics.DEAD_LETTER)).toList();

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final Settings settings;
    private final Duration closeTimeout;
    private final KafkaStreams streams;
    private final HealthMetrics metrics = new HealthMetrics();
    private ObservabilityServer server;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread closeOnShutdown = new Thread(this::close, "healthstream-streams-close");

    public StreamsRunner(Settings settings) {
        this(settings, CLOSE_TIMEOUT);
    }

    /** A runner whose {@link #close()} waits at most {@code closeTimeout}. */
    public StreamsRunner(Settings settings, Duration closeTimeout) {
        this.settings = settings;
        this.closeTimeout = closeTimeout;
        LOG.info("healthstream (model {}) configured with {}", settings.modelVersion(), settings.redacted());
        AvroSerdes serdes = AvroSerdes.fromConfig(settings.values());
        Topology topology = HealthTopology.build(settings.topology(), serdes::valueSerde, metrics);
        LOG.debug("Topology:\n{}", topology.describe());
        Properties props = settings.streamsProperties();
        props.put(DeadLetterListener.CONFIG, metrics);
        this.streams = new KafkaStreams(topology, props);
        metrics.bind(streams);
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("A stream thread failed; shutting down this healthstream instance", exception);
            failed.set(true);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener(this::onStateChange);
    }

    /**
     * Checks that every topic exists, then starts processing and the HTTP endpoint, and arranges a
     * close on JVM shutdown.
     *
     * @throws UserError naming the missing topics, or the address the endpoint cannot listen on
     */
    public void start() {
        try (Admin admin = ClusterPreflight.admin(settings)) {
            ClusterPreflight.requireTopics(admin, REQUIRED_TOPICS);
        }
        Runtime.getRuntime().addShutdownHook(closeOnShutdown);
        streams.start();
        try {
            server = ObservabilityServer.start(streams, settings, metrics);
        } catch (UncheckedIOException e) {
            close();
            throw new UserError(e.getMessage() + " (" + e.getCause().getMessage() + "); set http.port to a free port");
        }
    }

    /** The base URL of the HTTP endpoint (metrics, health, accounts), once started. */
    public String httpUrl() {
        String host = settings.http().bind();
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + server.port();
    }

    /** The running client, for state, interactive queries and metrics. */
    public KafkaStreams streams() {
        return streams;
    }

    /** Blocks until the client has stopped; true when it stopped because a stream thread failed. */
    public boolean awaitTermination() throws InterruptedException {
        terminated.await();
        return failed.get();
    }

    /** Waits at most {@code timeout} for the client to reach {@code state}; true if it did. */
    public boolean awaitState(KafkaStreams.State state, Duration timeout) throws InterruptedException {
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
        if (server != null) {
            server.close();
        }
        LOG.info("Closing Kafka Streams (waiting at most {} s)", closeTimeout.toSeconds());
        boolean clean = streams.close(CloseOptions.timeout(closeTimeout));
        if (!clean) {
            LOG.warn("Kafka Streams did not close within {} s; is the broker still reachable?", closeTimeout.toSeconds());
        }
        metrics.close();
        terminated.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnShutdown);
        } catch (IllegalStateException jvmShuttingDown) {
            // This close runs from the hook, or the hook is about to call it again: both are fine.
        }
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
