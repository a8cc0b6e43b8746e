package io.healthstream.app;

import io.healthstream.api.ObservabilityServer;
import io.healthstream.api.OverrideConfig;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.ingest.IngestMetrics;
import io.healthstream.ingest.IngestServer;
import io.healthstream.ingest.KafkaEventSink;
import io.healthstream.metrics.HealthMetrics;
import io.healthstream.query.AccountQueries;
import io.healthstream.query.EngineHealth;
import io.healthstream.query.EngineInfo;
import io.healthstream.query.InstanceFacts;
import io.healthstream.query.Instances;
import io.healthstream.query.LatestKpis;
import io.healthstream.query.PortfolioQueries;
import io.healthstream.scoring.SegmentedScorer;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.SchemaRegistryException;
import io.healthstream.topology.DeadLetterListener;
import io.healthstream.topology.DeadLetterLog;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.RetentionGapListener;
import io.healthstream.topology.Topics;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: one healthstream instance put together from its configuration. It builds the
 * serdes, the metrics, the topology, the queries and the HTTP endpoint, hands each its collaborators, and
 * leaves the Kafka Streams lifecycle to {@link StreamsRunner}.
 */
public final class Engine implements AutoCloseable {
    /** How long {@link #close()} waits by default for the stream threads to commit and stop. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** The topics the topology reads or writes; a missing one stops the start. */
    static final List<String> REQUIRED_TOPICS = Stream.concat(
                    Stream.concat(Topics.INPUTS.stream(), Topics.OUTPUTS.stream()), Stream.of(Topics.DEAD_LETTER))
            .toList();

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Settings settings;
    private final HealthMetrics metrics;
    private final StreamsRunner runner;
    private final LatestKpis kpis;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DeadLetterLog deadLetterLog;
    private final ScheduledExecutorService deadLetterSummaries =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "healthstream-dead-letter-summaries");
                thread.setDaemon(true);
                return thread;
            });
    private ObservabilityServer server;
    private IngestServer ingest;
    private KafkaEventSink ingestSink;
    private KafkaEventSink overrideSink;

    private Engine(
            Settings settings,
            HealthMetrics metrics,
            StreamsRunner runner,
            LatestKpis kpis,
            DeadLetterLog deadLetterLog) {
        this.settings = settings;
        this.metrics = metrics;
        this.runner = runner;
        this.kpis = kpis;
        this.deadLetterLog = deadLetterLog;
        // A burst's summary line comes within an interval even when no further dead letter arrives.
        deadLetterSummaries.scheduleAtFixedRate(
                deadLetterLog::flushDue,
                DeadLetterLog.DEFAULT_INTERVAL.toSeconds(),
                DeadLetterLog.DEFAULT_INTERVAL.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** {@link #start(Settings, Duration)} with the default close timeout. */
    public static Engine start(Settings settings) {
        return start(settings, CLOSE_TIMEOUT);
    }

    /**
     * Checks that every topic exists, starts the HTTP endpoint, waits for the schema registry (at most
     * {@code schema.registry.startup.timeout}, not ready meanwhile), then starts processing; the engine
     * closes itself on JVM shutdown, waiting at most {@code closeTimeout} for Kafka Streams.
     *
     * @throws UserError naming the missing topics, the address the endpoint cannot listen on, or the
     *     registry that did not answer in time
     */
    public static Engine start(Settings settings, Duration closeTimeout) {
        LOG.info("healthstream (model {}) configured with {}", settings.modelVersion(), settings.redacted());
        try (Admin admin = ClusterPreflight.admin(settings)) {
            ClusterPreflight.requireTopics(admin, REQUIRED_TOPICS);
            ClusterPreflight.requireInputPartitions(admin, settings.topology().inputPartitions());
            ClusterPreflight.ensureSegmentChurnTopic(admin, settings.applicationId());
            TopicProvisioner.shortInputRetention(admin, settings.topicRetention())
                    .forEach((topic, kept) -> LOG.warn(
                            "{} keeps records for {}, less than the {} the model needs: the broker may delete events"
                                    + " before they are read; raise its retention.ms",
                            topic,
                            ConfigKeys.duration(kept),
                            settings.topicRetention().describe(topic)));
        }
        AvroSerdes serdes = new AvroSerdes(settings.registry());
        HealthMetrics metrics = new HealthMetrics();
        metrics.scoringWith(settings.modelVersion());
        Properties streamsConfig = settings.streamsProperties();
        DeadLetterListener.attach(streamsConfig, metrics);
        DeadLetterLog deadLetterLog = new DeadLetterLog(Clock.systemUTC(), DeadLetterLog.DEFAULT_INTERVAL);
        DeadLetterLog.attach(streamsConfig, deadLetterLog);
        RetentionGapListener.attach(streamsConfig, metrics);
        Topology topology = HealthTopology.build(settings.topology(), serdes::valueSerde, metrics);
        StreamsRunner runner = new StreamsRunner(topology, streamsConfig, closeTimeout);
        KafkaStreams streams = runner.streams();
        Optional<HostInfo> self = Optional.ofNullable(
                        streamsConfig.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .filter(s -> !s.isBlank())
                .map(HostInfo::buildFromEndpoint);
        SegmentedScorer scorer = new SegmentedScorer(settings.topology().segments());
        Instances instances = new Instances();
        AccountQueries accounts = new AccountQueries(streams, self, scorer, instances);
        metrics.bind(streams, accounts::accountsByBand);
        LatestKpis kpis = new LatestKpis(
                consumerConfig(streamsConfig),
                serdes.valueSerde(PortfolioKpis.class).deserializer(),
                SchemaRegistryException::isOutage);
        Engine engine = new Engine(settings, metrics, runner, kpis, deadLetterLog);
        AtomicReference<Optional<String>> startupWait = new AtomicReference<>(Optional.of("starting"));
        try {
            engine.server = ObservabilityServer.start(
                    settings.api(),
                    accounts,
                    new PortfolioQueries(streams, self, scorer, instances),
                    new EngineHealth(streams, startupWait::get),
                    new EngineInfo(streams, topology.describe(), facts(settings, streamsConfig)),
                    kpis,
                    metrics,
                    engine.overrides(serdes));
        } catch (UncheckedIOException e) {
            engine.close();
            throw new UserError(e.getMessage() + " (" + e.getCause().getMessage() + "); set http.port to a free port");
        }
        try {
            new RegistryWait(settings.schemaRegistryUrl(), settings.registryStartupTimeout())
                    .await(() -> ClusterPreflight.registryProblem(settings), startupWait::set);
        } catch (UserError e) {
            engine.close();
            throw e;
        }
        prepareOutputSchemas(serdes);
        runner.start();
        if (settings.ingest().enabled()) {
            engine.startIngest(serdes);
        }
        LOG.info(
                "application.server {}",
                self.map(h -> h.host() + ":" + h.port()).orElse("not set"));
        return engine;
    }

    /**
     * Registers every output's schema while the registry answers, so that an outage later does not stop outputs that
     * had not been written yet (the first KPI period closes days into a catch-up).
     */
    private static void prepareOutputSchemas(AvroSerdes serdes) {
        HealthTopology.OUTPUT_TYPES.forEach((topic, type) -> {
            try {
                serdes.prepareValueSchema(topic, type);
            } catch (SerializationException e) {
                LOG.warn(
                        "The schema of {} is not registered yet ({}); its first record asks again",
                        topic,
                        e.getMessage());
            }
        });
    }

    /**
     * Where the override endpoints write: an idempotent producer of their own, the ingest endpoint's kind, when
     * {@code http.auth.write-token} allows writes.
     */
    private OverrideConfig overrides(AvroSerdes serdes) {
        Duration maxDuration = settings.topology().limits().maxOverride();
        if (settings.api().writeToken().isEmpty()) {
            return OverrideConfig.writesOff(maxDuration);
        }
        KafkaEventSink sink = new KafkaEventSink(settings.kafkaClientProperties(), serdes);
        overrideSink = sink;
        return new OverrideConfig(
                command -> sink.send(Topics.HEALTH_OVERRIDES, command.getAccountId(), command.getCreatedAt(), command),
                maxDuration,
                Clock.systemUTC());
    }

    /** The ingest endpoint, producing through the app's serdes and Kafka client settings, counted in its metrics. */
    private void startIngest(AvroSerdes serdes) {
        ingestSink = new KafkaEventSink(settings.kafkaClientProperties(), serdes);
        try {
            ingest = IngestServer.start(
                    settings.ingest(), ingestSink, new IngestMetrics(metrics.registry()), Clock.systemUTC());
        } catch (UncheckedIOException e) {
            close();
            throw new UserError(
                    e.getMessage() + " (" + e.getCause().getMessage() + "); set ingest.port to a free port");
        }
    }

    /** The base URL of the ingest endpoint, when {@code ingest.enabled}. */
    public Optional<String> ingestUrl() {
        return Optional.ofNullable(ingest)
                .map(server -> "http://" + loopbackFor(settings.ingest().bind()) + ":" + server.port());
    }

    private static String loopbackFor(String bind) {
        return "0.0.0.0".equals(bind) ? "127.0.0.1" : bind;
    }

    /** The base URL of the HTTP endpoint (metrics, health, accounts). */
    public String httpUrl() {
        return "http://" + loopbackFor(settings.api().bind()) + ":" + server.port();
    }

    /** The running client, for state, interactive queries and metrics. */
    public KafkaStreams streams() {
        return runner.streams();
    }

    /** What restores of the state from the changelogs brought back since the start. */
    RestoreProgress.Totals restored() {
        return runner.restored();
    }

    /** Blocks until Kafka Streams has stopped; true when it stopped because a stream thread failed. */
    public boolean awaitTermination() throws InterruptedException {
        return runner.awaitTermination();
    }

    /** Waits at most {@code timeout} for Kafka Streams to reach {@code state}; true if it did. */
    public boolean awaitState(KafkaStreams.State state, Duration timeout) throws InterruptedException {
        return runner.awaitState(state, timeout);
    }

    /** Stops the endpoints, then Kafka Streams (within the close timeout), then the KPI reader and the metrics. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (server != null) {
            server.close();
        }
        if (overrideSink != null) {
            overrideSink.close();
        }
        // Ingest stops before the engine: nothing is answered 2xx after the producer is gone.
        if (ingest != null) {
            ingest.close();
        }
        if (ingestSink != null) {
            ingestSink.close();
        }
        runner.close();
        deadLetterSummaries.shutdownNow();
        deadLetterLog.flush();
        kpis.close();
        metrics.close();
    }

    private static InstanceFacts facts(Settings settings, Properties streamsConfig) {
        return new InstanceFacts(
                BuildVersion.get(),
                settings.modelVersion(),
                settings.applicationId(),
                streamsConfig.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    }

    /** The Kafka client settings (bootstrap, security) without the Streams-only keys the consumer would warn about. */
    private static Properties consumerConfig(Properties streamsConfig) {
        Properties client = new Properties();
        streamsConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key.toString())) {
                client.put(key, value);
            }
        });
        return client;
    }
}
