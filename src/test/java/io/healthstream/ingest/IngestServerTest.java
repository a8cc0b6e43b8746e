package io.healthstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.ingest.IngestSettings.StripeSettings;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.HttpCalls.Answer;
import io.healthstream.testsupport.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ingest endpoint over real HTTP, with a sink that records what it is handed (or fails) instead of Kafka. */
class IngestServerTest {
    private static final String TOKEN = "ingest-token-0123456789";
    private static final String STRIPE_SECRET = "whsec_server_test";
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final String EVENT = "{\"topic\": \"usage-events\", \"value\": {\"event_id\": \"u-1\","
            + " \"account_id\": \"acc-1\", \"user_id\": \"ada\", \"occurred_at\": \"2026-11-02T08:00:00Z\","
            + " \"action\": \"login\"}}";

    private final List<IngestEvent> stored = new ArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private IngestServer server;
    private RuntimeException sinkFailure;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("events with the token are stored, then answered 200 with the count, and counted")
    void eventsAreStoredThenAcknowledged() {
        start(100, 1_000);
        Answer answer = post("/ingest/events", "[" + EVENT + "," + EVENT.replace("u-1", "u-2") + "]", token());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(stored).hasSize(2);
        assertThat(requests("events", "accepted")).isEqualTo(1);
        assertThat(meters.get(IngestMetrics.EVENTS)
                        .tag("source", "events")
                        .tag("outcome", "produced")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    @DisplayName("without the bearer token: 401 and nothing stored")
    void tokenIsRequired() {
        start(100, 1_000);
        assertThat(post("/ingest/events", EVENT, Map.of()).status()).isEqualTo(401);
        assertThat(post("/ingest/segment", "{}", Map.of("Authorization", "Bearer wrong-token-0123456789"))
                        .status())
                .isEqualTo(401);
        assertThat(stored).isEmpty();
        assertThat(requests("events", "unauthorized")).isEqualTo(1);
    }

    @Test
    @DisplayName("a bad payload: 400 with the reason as JSON, counted as invalid, nothing stored")
    void badPayloadIsRefusedWithItsReason() {
        start(100, 1_000);
        Answer answer = post("/ingest/events", EVENT.replace("\"login\"", "42"), token());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.json().path("error").asText())
                .isEqualTo("event 0: UsageEvent.action: expected a string, got 42");
        assertThat(stored).isEmpty();
        assertThat(requests("events", "invalid")).isEqualTo(1);
    }

    @Test
    @DisplayName("a body over ingest.max-body-bytes: 413, nothing stored")
    void bodySizeIsBounded() {
        start(100, EVENT.length() + 10);
        assertThat(post("/ingest/events", EVENT, token()).status()).isEqualTo(200);
        Answer answer = post("/ingest/events", EVENT + "\n" + EVENT.replace("u-1", "u-2"), token());
        assertThat(answer.status()).isEqualTo(413);
        assertThat(stored).hasSize(1);
        assertThat(requests("events", "too_large")).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "beyond ingest.max-requests-per-second: 429 with Retry-After (the test clock stands still, so no refill)")
    void rateIsBounded() {
        start(3, 1_000);
        for (int i = 0; i < 3; i++) {
            assertThat(post("/ingest/events", EVENT, token()).status()).isEqualTo(200);
        }
        Answer refused = post("/ingest/events", EVENT, token());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).contains("1");
        assertThat(stored).hasSize(3);
        assertThat(requests("events", "rate_limited")).isEqualTo(1);
    }

    @Test
    @DisplayName("when Kafka does not acknowledge: 503, never 2xx, so the sender sends again")
    void unacknowledgedIsNotOk() {
        start(100, 1_000);
        sinkFailure = new UnacknowledgedException("Kafka did not acknowledge an event: timeout", null);
        Answer answer = post("/ingest/events", EVENT, token());
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().path("error").asText()).contains("send them again");
        assertThat(requests("events", "unavailable")).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "a signed Stripe webhook needs no token; a wrong signature is 400; an unmapped type is 200 and ignored")
    void stripeIsCheckedBySignature() {
        byte[] body = Fixtures.bytes("stripe/subscription-created-trialing.json");
        byte[] other = Fixtures.bytes("stripe/customer-created.json");
        try (LogCapture logs = LogCapture.start()) {
            start(100, 100_000);
            assertThat(postStripe(body, StripeSignatureTest.header(STRIPE_SECRET, NOW.getEpochSecond(), body))
                            .status())
                    .isEqualTo(200);
            Answer forged = postStripe(body, StripeSignatureTest.header("whsec_forged", NOW.getEpochSecond(), body));
            assertThat(forged.status()).isEqualTo(400);
            assertThat(forged.json().path("error").asText()).contains("does not match");
            Answer ignored = postStripe(other, StripeSignatureTest.header(STRIPE_SECRET, NOW.getEpochSecond(), other));
            assertThat(ignored.status()).isEqualTo(200);
            assertThat(ignored.json().path("ignored").asInt()).isEqualTo(1);
            assertThat(logs.lines()).noneMatch(line -> line.contains(STRIPE_SECRET) || line.contains(TOKEN));
        }
        assertThat(stored).hasSize(1);
        assertThat(requests("stripe", "accepted")).isEqualTo(1);
        assertThat(requests("stripe", "bad_signature")).isEqualTo(1);
        assertThat(requests("stripe", "ignored")).isEqualTo(1);
    }

    @Test
    @DisplayName("Segment calls with the token; identify-only batches are 200 and ignored")
    void segmentCalls() {
        start(100, 100_000);
        Answer batch = post(
                "/ingest/segment", new String(Fixtures.bytes("segment/batch.json"), StandardCharsets.UTF_8), token());
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(batch.json().path("ignored").asInt()).isEqualTo(3);
        assertThat(meters.get(IngestMetrics.EVENTS)
                        .tag("source", "segment")
                        .tag("outcome", "ignored")
                        .counter()
                        .count())
                .isEqualTo(3);
    }

    @Test
    @DisplayName("GET is 405, an unknown path 404, Stripe without a secret 404")
    void methodAndPath() {
        server = IngestServer.start(
                settings(100, 1_000, Optional.empty()), this::store, new IngestMetrics(meters), clock());
        assertThat(HttpCalls.get(url("/ingest/events"), Optional.of(TOKEN)).status())
                .isEqualTo(405);
        assertThat(post("/ingest/orders", EVENT, token()).status()).isEqualTo(404);
        assertThat(post("/ingest/stripe", EVENT, token()).status()).isEqualTo(404);
    }

    private void start(int rate, int maxBody) {
        server = IngestServer.start(
                settings(rate, maxBody, Optional.of(STRIPE_SECRET)), this::store, new IngestMetrics(meters), clock());
    }

    private void store(List<IngestEvent> events) {
        if (sinkFailure != null) {
            throw sinkFailure;
        }
        stored.addAll(events);
    }

    private static IngestSettings settings(int rate, int maxBody, Optional<String> stripeSecret) {
        return new IngestSettings(
                true,
                "127.0.0.1",
                0,
                Optional.of(TOKEN),
                maxBody,
                rate,
                new StripeSettings(stripeSecret, Duration.ofMinutes(5), Optional.empty()),
                Map.of());
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private double requests(String source, String outcome) {
        return meters.get(IngestMetrics.REQUESTS)
                .tag("source", source)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static Map<String, String> token() {
        return Map.of("Authorization", "Bearer " + TOKEN);
    }

    private Answer post(String path, String body, Map<String, String> headers) {
        return HttpCalls.post(url(path), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private Answer postStripe(byte[] body, Optional<String> signature) {
        return HttpCalls.post(url("/ingest/stripe"), Map.of("Stripe-Signature", signature.orElseThrow()), body);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }
}
