package io.healthstream.api;

import com.sun.net.httpserver.HttpServer;
import io.healthstream.app.HttpSettings;
import io.healthstream.app.Settings;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.metrics.HealthMetrics;
import io.healthstream.scoring.HealthScorer;
import io.healthstream.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * healthstream's read-only HTTP endpoint over one {@link KafkaStreams} instance: {@code /metrics},
 * {@code /health/live}, {@code /health/ready}, {@code /accounts/{id}}, {@code /accounts} and
 * {@code /kpis/{period}}, on {@code http.bind}:{@code http.port}. Served by the JDK's own HTTP server:
 * a handful of small GET endpoints need no framework or extra dependency.
 *
 * <pre>{@code
 * HealthMetrics metrics = new HealthMetrics();
 * KafkaStreams streams = ...; // topology built with metrics as ProcessingListener and DLQ listener
 * metrics.bind(streams);
 * try (ObservabilityServer server = ObservabilityServer.start(streams, settings, metrics)) { ... }
 * }</pre>
 */
public final class ObservabilityServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    // Forwarded requests wait on other instances; a few threads keep one slow peer from blocking all.
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final LatestKpis kpis;

    private ObservabilityServer(HttpServer server, ExecutorService executor, LatestKpis kpis) {
        this.server = server;
        this.executor = executor;
        this.kpis = kpis;
    }

    /** Starts serving {@code streams}' stores and {@code metrics}; {@code settings} give the address, token and clients. */
    public static ObservabilityServer start(KafkaStreams streams, Settings settings, HealthMetrics metrics) {
        HttpSettings http = settings.http();
        Properties streamsConfig = settings.streamsProperties();
        Optional<HostInfo> self = Optional.ofNullable(streamsConfig.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .filter(s -> !s.isBlank()).map(HostInfo::buildFromEndpoint);
        LatestKpis kpis = new LatestKpis(clientConfig(streamsConfig),
                AvroSerdes.fromConfig(settings.values()).valueSerde(PortfolioKpis.class).deserializer());
        StreamsHealth health = new StreamsHealth(streams);
        AccountRoutes accounts = new AccountRoutes(streams, self, new HealthScorer(settings.model()), new Peers());
        KpiRoutes kpiRoutes = new KpiRoutes(kpis);
        Router router = new Router(List.of(
                Router.Route.of("/metrics", (request, params) -> ApiResponse.text(PROMETHEUS_TEXT, metrics.scrape())),
                Router.Route.of("/health/live", (request, params) -> health.live()),
                Router.Route.of("/health/ready", (request, params) -> health.ready()),
                Router.Route.of("/accounts", (request, params) -> accounts.accounts(request)),
                Router.Route.of("/accounts/([^/]+)", (request, params) -> accounts.account(request, params.get(0))),
                Router.Route.of("/kpis/([^/]+)", (request, params) -> kpiRoutes.period(params.get(0)))),
                new BearerToken(http.authToken()));
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(http.bind(), http.port()), 0);
            server.createContext("/", router);
            server.setExecutor(executor);
            server.start();
            LOG.info("HTTP endpoint on {}:{} (token {}), application.server {}", http.bind(),
                    server.getAddress().getPort(), http.authToken().isPresent() ? "required" : "not required",
                    self.map(h -> h.host() + ":" + h.port()).orElse("not set"));
            return new ObservabilityServer(server, executor, kpis);
        } catch (IOException e) {
            executor.shutdownNow();
            kpis.close();
            throw new UncheckedIOException("cannot listen on " + http.bind() + ":" + http.port(), e);
        }
    }

    /** The port listened on; differs from {@code http.port} only when that is 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        kpis.close();
    }

    /** The Kafka client settings (bootstrap, security) without the Streams-only keys the consumer would warn about. */
    private static Properties clientConfig(Properties streamsConfig) {
        Properties client = new Properties();
        streamsConfig.forEach((key, value) -> {
            String name = key.toString();
            if (ConsumerConfig.configNames().contains(name)) {
                client.put(name, value);
            }
        });
        return client;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "healthstream-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
