package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.AccountHealth;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.Waits;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What EngineIT's ingest test sends and reads: an engine with the ingest endpoint on, events posted in each
 * source's shape (the Stripe and Segment ones from the mapping tests' fixtures), and the scores they produced.
 */
final class IngestOverHttp {
    static final String EVENTS_ACCOUNT = "acc-ingest";
    static final String SEGMENT_ACCOUNT = "acc-segment";
    static final String SEGMENT_MESSAGE = "ajs-next-1793700000000-4f1c2a";
    static final String STRIPE_ACCOUNT = "cus_Down";
    /** A downgrade: applied twice it would be two contractions, each costing billing points, so two scores. */
    static final String STRIPE_EVENT = "evt_1Downgrade/plan";

    static final String MARKER_EVENT = "ing-c-1";
    private static final String TOKEN = "ingest-it-token-0123456789";
    private static final String STRIPE_SECRET = "whsec_ingest_it";
    /** Our contract as JSON lines: two subscriptions and an urgent ticket. */
    private static final String EVENTS = String.join(
            "\n",
            "{\"topic\": \"subscription-events\", \"value\": {\"event_id\": \"ing-s-1\", \"account_id\": \"acc-ingest\","
                    + " \"occurred_at\": \"2026-11-02T08:00:00Z\", \"type\": \"SUBSCRIPTION_STARTED\", \"plan\": \"pro\","
                    + " \"seats\": 10, \"mrr_before\": 0, \"mrr_after\": 9900, \"currency\": \"USD\"}}",
            "{\"topic\": \"support-tickets\", \"value\": {\"event_id\": \"ing-t-1\", \"account_id\": \"acc-ingest\","
                    + " \"ticket_id\": \"T-1\", \"occurred_at\": \"2026-11-03T08:00:00Z\", \"status\": \"OPENED\","
                    + " \"priority\": \"URGENT\"}}",
            "{\"topic\": \"subscription-events\", \"value\": {\"event_id\": \"ing-s-2\", \"account_id\": \"acc-segment\","
                    + " \"occurred_at\": \"2026-11-02T08:00:00Z\", \"type\": \"SUBSCRIPTION_STARTED\", \"plan\": \"pro\","
                    + " \"seats\": 10, \"mrr_before\": 0, \"mrr_after\": 9900, \"currency\": \"USD\"}}");

    private final String url;

    IngestOverHttp(String url) {
        this.url = url;
    }

    /** An engine on the test broker with the ingest endpoint on; exports weigh enough to move a score. */
    static Settings settings(String bootstrapServers, String registryUrl, Path stateDir) {
        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", bootstrapServers);
        values.put("schema.registry.url", registryUrl);
        values.put("application.id", "ingest-it");
        values.put("kafka.state.dir", stateDir.toString());
        values.put("http.port", "0");
        values.put("ingest.enabled", "true");
        values.put("ingest.port", "0");
        values.put("ingest.token", TOKEN);
        values.put("ingest.stripe.secret", STRIPE_SECRET);
        values.put("usage.impact.report_exported", "10");
        return Settings.of(values);
    }

    void postEvents() {
        accepted(
                post(
                        "/ingest/events",
                        Map.of("Authorization", "Bearer " + TOKEN),
                        EVENTS.getBytes(StandardCharsets.UTF_8)),
                3);
    }

    /** The downgrade fixture, signed now as Stripe signs it; each call is Stripe sending it (again). */
    void postStripeWebhook() throws Exception {
        byte[] body = fixture("stripe/subscription-updated-downgrade-weekly.json");
        long now = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((now + ".").getBytes(StandardCharsets.UTF_8));
        String signature = java.util.HexFormat.of().formatHex(mac.doFinal(body));
        accepted(post("/ingest/stripe", Map.of("Stripe-Signature", "t=" + now + ",v1=" + signature), body), 1);
    }

    /** The Stripe account cancelling an hour after its downgrade, in our contract: it moves the billing score. */
    void postStripeAccountMarker() {
        String cancellation = "{\"topic\": \"subscription-events\", \"value\": {\"event_id\": \"" + MARKER_EVENT
                + "\", \"account_id\": \"" + STRIPE_ACCOUNT + "\", \"occurred_at\": \"2026-11-05T10:00:00Z\","
                + " \"type\": \"CANCELLED\", \"plan\": \"team_weekly\", \"seats\": 1, \"mrr_before\": 5200,"
                + " \"mrr_after\": 0, \"currency\": \"USD\", \"cancellation_reason\": \"PRICE\"}}";
        accepted(
                post(
                        "/ingest/events",
                        Map.of("Authorization", "Bearer " + TOKEN),
                        cancellation.getBytes(StandardCharsets.UTF_8)),
                1);
    }

    void postSegmentTrack() {
        accepted(post("/ingest/segment", Map.of("Authorization", "Bearer " + TOKEN), fixture("segment/track.json")), 1);
    }

    /**
     * The source event ids of the committed account-health records, by account, read from the start until
     * {@code enough} holds or {@code timeout} passes.
     */
    static Map<String, List<String>> scoredSources(
            Settings settings, String registryUrl, Duration timeout, Predicate<Map<String, List<String>>> enough) {
        Map<String, List<String>> sources = new HashMap<>();
        healthRecords(settings, registryUrl, timeout, value -> {
            sources.computeIfAbsent(value.getAccountId(), account -> new ArrayList<>())
                    .add(value.getSourceEventId());
            return enough.test(sources);
        });
        return sources;
    }

    /**
     * Hands the committed account-health records, from the start, to {@code enough} until it answers true or
     * {@code timeout} passes.
     */
    static void healthRecords(
            Settings settings, String registryUrl, Duration timeout, Predicate<AccountHealth> enough) {
        Deserializer<AccountHealth> health = AvroSerdes.fromConfig(Map.of("schema.registry.url", registryUrl))
                .valueSerde(AccountHealth.class)
                .deserializer();
        Properties props = settings.kafkaClientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AtomicBoolean done = new AtomicBoolean();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNT_HEALTH).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Waits.pollUntil(
                    consumer,
                    timeout,
                    record -> {
                        if (!done.get() && enough.test(health.deserialize(record.topic(), record.value()))) {
                            done.set(true);
                        }
                    },
                    done::get);
        }
    }

    private HttpCalls.Answer post(String path, Map<String, String> headers, byte[] body) {
        return HttpCalls.post(url + path, headers, body);
    }

    private static void accepted(HttpCalls.Answer answer, int events) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("accepted").asInt()).isEqualTo(events);
    }

    private static byte[] fixture(String name) {
        try (InputStream in = IngestOverHttp.class.getResourceAsStream("/ingest/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
