package io.healthstream.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.bucket4j.Bucket;
import io.healthstream.api.BearerToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code POST /ingest/<source>}: rate, token (or the source's own signature), body size, mapping, then
 * production; 200 only once Kafka has acknowledged every event of the request. Every answer is JSON, counted
 * by source and outcome; nothing of a payload or a secret is logged.
 */
final class IngestHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
    private static final String UNKNOWN_SOURCE = "unknown";

    /** One endpoint: the source's name (the metric tag), whether it asks for the bearer token, its mapper. */
    record Source(String name, boolean needsToken, PayloadMapper mapper) {}

    private record Answer(Outcome outcome, Map<String, Object> body) {}

    private final Map<String, Source> sources;
    private final BearerToken token;
    private final Bucket rate;
    private final int maxBodyBytes;
    private final EventSink sink;
    private final IngestMetrics metrics;

    IngestHandler(
            Map<String, Source> sources,
            BearerToken token,
            Bucket rate,
            int maxBodyBytes,
            EventSink sink,
            IngestMetrics metrics) {
        this.sources = Map.copyOf(sources);
        this.token = token;
        this.rate = rate;
        this.maxBodyBytes = maxBodyBytes;
        this.sink = sink;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Source source = sources.get(exchange.getRequestURI().getPath());
            String name = source == null ? UNKNOWN_SOURCE : source.name();
            Answer answer;
            try {
                answer = answer(exchange, source);
            } catch (RuntimeException e) {
                LOG.error("ingest {} failed", name, e);
                answer = error(Outcome.UNAVAILABLE, "internal error; see the healthstream log");
            }
            metrics.request(name, answer.outcome());
            byte[] body = IngestJson.write(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.outcome() == Outcome.RATE_LIMITED) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            exchange.sendResponseHeaders(answer.outcome().status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Answer answer(HttpExchange exchange, Source source) throws IOException {
        if (source == null) {
            return error(
                    Outcome.NOT_FOUND,
                    "no such endpoint: " + exchange.getRequestURI().getPath() + "; there are "
                            + sources.keySet().stream().sorted().toList());
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return error(Outcome.NOT_ALLOWED, "only POST is allowed");
        }
        if (!rate.tryConsume(1)) {
            return error(Outcome.RATE_LIMITED, "too many requests; send again in a second");
        }
        if (source.needsToken()
                && !token.permits(
                        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"healthstream-ingest\"");
            return error(Outcome.UNAUTHORIZED, "missing or wrong bearer token");
        }
        Optional<byte[]> body = readBounded(exchange);
        if (body.isEmpty()) {
            return error(Outcome.TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
        }
        IngestBatch batch;
        try {
            batch = source.mapper()
                    .map(new IngestRequest(
                            body.get(),
                            header -> Optional.ofNullable(
                                    exchange.getRequestHeaders().getFirst(header))));
        } catch (InvalidPayloadException e) {
            return error(Outcome.INVALID, e.getMessage());
        } catch (BadSignatureException e) {
            return error(Outcome.BAD_SIGNATURE, e.getMessage());
        }
        try {
            sink.sendAll(batch.events());
        } catch (UnacknowledgedException e) {
            LOG.warn(
                    "ingest {}: {} events not stored, answered 503: {}",
                    source.name(),
                    batch.events().size(),
                    e.getMessage());
            return error(Outcome.UNAVAILABLE, "events not stored, send them again: " + e.getMessage());
        }
        metrics.events(source.name(), "produced", batch.events().size());
        metrics.events(source.name(), "ignored", batch.ignored());
        Map<String, Object> answer = new LinkedHashMap<>();
        Outcome outcome = batch.events().isEmpty() ? Outcome.IGNORED : Outcome.ACCEPTED;
        answer.put("status", outcome.status());
        answer.put("accepted", batch.events().size());
        answer.put("ignored", batch.ignored());
        return new Answer(outcome, answer);
    }

    /** The body, or empty when it is longer than the limit (read no further than one byte past it). */
    private Optional<byte[]> readBounded(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBodyBytes) {
            return Optional.empty();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? Optional.empty() : Optional.of(body);
        }
    }

    private static Answer error(Outcome outcome, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", outcome.status());
        body.put("error", message);
        return new Answer(outcome, body);
    }
}
