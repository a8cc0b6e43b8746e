package io.healthstream.ingest;

import com.sun.net.httpserver.HttpServer;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.healthstream.api.BearerToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest endpoint on {@code ingest.bind}:{@code ingest.port}: {@code POST /ingest/events} (our JSON contract),
 * {@code /ingest/segment} (Segment calls), both behind the bearer token, and {@code /ingest/stripe} (Stripe
 * webhooks, checked by their signature instead) when {@code ingest.stripe.secret} is set. Served by the JDK's HTTP
 * server, as the read-only API is; the request rate is bounded by a Bucket4j token bucket.
 */
public final class IngestServer implements AutoCloseable {
    static final String EVENTS_PATH = "/ingest/events";
    static final String STRIPE_PATH = "/ingest/stripe";
    static final String SEGMENT_PATH = "/ingest/segment";
    private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);
    // Each request waits for Kafka's acknowledgements; a few threads let others proceed meanwhile.
    private static final int THREADS = 4;
    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;

    private IngestServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code settings}' address, handing mapped events to {@code sink}.
     *
     * @throws UncheckedIOException when it cannot listen there
     */
    public static IngestServer start(IngestSettings settings, EventSink sink, IngestMetrics metrics, Clock clock) {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "healthstream-ingest-" + THREAD_COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 0);
            server.createContext("/", handler(settings, sink, metrics, clock));
            server.setExecutor(executor);
            server.start();
            LOG.info(
                    "Ingest endpoint on {}:{} (token required; Stripe {})",
                    settings.bind(),
                    server.getAddress().getPort(),
                    settings.stripe().secret().isPresent() ? "on" : "off: ingest.stripe.secret not set");
            return new IngestServer(server, executor);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + settings.bind() + ":" + settings.port(), e);
        }
    }

    static IngestHandler handler(IngestSettings settings, EventSink sink, IngestMetrics metrics, Clock clock) {
        EventsMapper events = new EventsMapper();
        SegmentMapper segment = new SegmentMapper(settings.segmentActions());
        Map<String, IngestHandler.Source> sources = new LinkedHashMap<>();
        sources.put(EVENTS_PATH, new IngestHandler.Source("events", true, request -> events.map(request.body())));
        sources.put(
                SEGMENT_PATH,
                new IngestHandler.Source("segment", true, request -> segment.map(IngestJson.read(request.body()))));
        settings.stripe().secret().ifPresent(secret -> {
            StripeSignature signature =
                    new StripeSignature(secret, settings.stripe().tolerance(), clock);
            StripeMapper stripe = new StripeMapper(settings.stripe().accountMetadataKey());
            // Stripe cannot send our token: its signature over the raw body authenticates it.
            sources.put(STRIPE_PATH, new IngestHandler.Source("stripe", false, request -> {
                signature.verify(request.header(StripeSignature.HEADER), request.body());
                return stripe.map(IngestJson.read(request.body()));
            }));
        });
        int rate = settings.maxRequestsPerSecond();
        Bucket bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)))
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
        return new IngestHandler(
                sources, new BearerToken(settings.token()), bucket, settings.maxBodyBytes(), sink, metrics);
    }

    /** The bucket refills by {@code clock}, the server's one source of time (a test's fixed clock never refills). */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    /** The port listened on; differs from {@code ingest.port} only when that is 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
