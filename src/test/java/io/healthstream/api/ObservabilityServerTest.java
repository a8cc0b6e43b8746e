package io.healthstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.HealthOverride;
import io.healthstream.avro.OverrideAction;
import io.healthstream.avro.PortfolioKpis;
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
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.serde.SchemaRegistryException;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.HttpCalls.Answer;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.StoreNames;
import io.healthstream.topology.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoint over a Kafka Streams instance that has not started: no broker needed, every answer still JSON. */
class ObservabilityServerTest {
    private static final String TOKEN = "unit-test-token-0123456789";
    private static final String WRITE_TOKEN = "unit-test-write-token-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final String OVERRIDE = "/accounts/acc-1/override";
    private static final String REGISTRY = MockSchemaRegistry.SCHEME + "observability-server-test";

    @TempDir
    Path stateDir;

    private HealthMetrics metrics;
    private KafkaStreams streams;
    private LatestKpis kpis;
    private ObservabilityServer server;
    private Topology topology;
    private final List<HealthOverride> written = new ArrayList<>();
    private boolean kafkaDown;

    @BeforeEach
    void serveAnUnstartedInstance() {
        Settings settings = Settings.of(Map.of(
                "bootstrap.servers",
                "127.0.0.1:9",
                "schema.registry.url",
                REGISTRY,
                "http.bind",
                "127.0.0.1",
                "http.port",
                "0",
                "http.auth.token",
                TOKEN,
                "http.auth.write-token",
                WRITE_TOKEN,
                "kafka.state.dir",
                stateDir.toString()));
        AvroSerdes serdes = new AvroSerdes(settings.registry());
        metrics = new HealthMetrics();
        streams = new KafkaStreams(
                HealthTopology.build(settings.topology(), serdes::valueSerde, metrics), settings.streamsProperties());
        kpis = new LatestKpis(
                settings.kafkaClientProperties(),
                serdes.valueSerde(PortfolioKpis.class).deserializer(),
                SchemaRegistryException::isOutage);
        SegmentedScorer scorer = new SegmentedScorer(settings.topology().segments());
        AccountQueries accounts = new AccountQueries(streams, Optional.empty(), scorer, new Instances());
        topology = HealthTopology.build(settings.topology(), serdes::valueSerde, metrics);
        server = ObservabilityServer.start(
                settings.api(),
                accounts,
                new PortfolioQueries(streams, Optional.empty(), scorer, new Instances()),
                new EngineHealth(streams),
                new EngineInfo(
                        streams,
                        topology.describe(),
                        new InstanceFacts("1.2.3", settings.modelVersion(), "healthstream", "exactly_once_v2")),
                kpis,
                metrics,
                new OverrideConfig(
                        command -> {
                            if (kafkaDown) {
                                throw new IllegalStateException("Kafka did not acknowledge an event: timeout");
                            }
                            written.add(command);
                        },
                        settings.topology().limits().maxOverride(),
                        Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterEach
    void stop() {
        server.close();
        kpis.close();
        streams.close();
        metrics.close();
        MockSchemaRegistry.dropScope("observability-server-test");
    }

    @Test
    void anInstanceThatHasNotStartedIsLiveButNotReady() {
        Answer live = get("/health/live", Optional.empty());
        Answer ready = get("/health/ready", Optional.empty());

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("state").asText()).isEqualTo("CREATED");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void accountsThatCannotBeQueriedYetAre503sNotStackTraces() {
        Answer account = get("/accounts/acc-1", Optional.of(TOKEN));
        Answer list = get("/accounts?band=RED", Optional.of(TOKEN));

        assertThat(account.status()).isEqualTo(503);
        assertThat(account.json().path("error").asText()).contains("not queryable");
        assertThat(account.header("Retry-After")).contains("5");
        assertThat(list.status()).isEqualTo(503);
        assertThat(list.header("Retry-After")).contains("5");
        assertThat(list.body()).doesNotContain("Exception");
    }

    @Test
    void aCursorTheApiDidNotGiveOutIsA400EvenBeforeTheStoresAnswer() {
        Answer garbage = get("/accounts?cursor=garbage", Optional.of(TOKEN));

        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("error").asText()).isEqualTo("cursor is not one this API gave out");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "from=yesterday | from must be an ISO-8601 instant such as 2026-11-30T00:00:00Z, got 'yesterday'",
                "to=2026-13-01T00:00:00Z | to must be an ISO-8601 instant such as 2026-11-30T00:00:00Z, got '2026-13-01T00:00:00Z'",
                "from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z | from (2026-11-02T00:00:00Z) must not be after to (2026-11-01T00:00:00Z)",
                "limit=0 | limit must be a whole number from 1 to 5000, got '0'",
                "limit=5001 | limit must be a whole number from 1 to 5000, got '5001'",
                "limit=ten | limit must be a whole number from 1 to 5000, got 'ten'"
            })
    void badHistoryParametersAre400sWithTheReasonBeforeTheStoresAreAsked(String query, String reason) {
        Answer answer = get("/accounts/acc-1/history?" + query, Optional.of(TOKEN));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo(reason);
    }

    @Test
    void historyWithGoodParametersAsksTheStoresAndIsA503UntilTheyAnswer() {
        Answer history = get(
                "/accounts/acc-1/history?from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z&limit=5000",
                Optional.of(TOKEN));

        assertThat(history.status()).isEqualTo(503);
        assertThat(history.header("Retry-After")).contains("5");
        assertThat(get("/accounts/acc-1/history", Optional.empty()).status()).isEqualTo(401);
    }

    @Test
    void kpisOfAPeriodNotPublishedYetAre404() {
        Answer kpis = get("/kpis/2026-Q4", Optional.of(TOKEN));

        assertThat(kpis.status()).isEqualTo(404);
        assertThat(kpis.json().path("error").asText()).contains("saas-kpis");
    }

    @Test
    void metricsAreServedBeforeStreamsRunsAndOnlyWithTheToken() {
        assertThat(get("/metrics", Optional.empty()).status()).isEqualTo(401);
        assertThat(get("/metrics", Optional.of(TOKEN)).body()).contains("healthstream_events_consumed_total");
    }

    @Test
    void infoNamesVersionModelApplicationGuaranteeAndEveryStore() {
        Answer info = get("/info", Optional.of(TOKEN));

        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("version").asText()).isEqualTo("1.2.3");
        assertThat(info.json().path("model_version").asText()).startsWith("chs-1/");
        assertThat(info.json().path("application_id").asText()).isEqualTo("healthstream");
        assertThat(info.json().path("processing_guarantee").asText()).isEqualTo("exactly_once_v2");
        assertThat(info.json().path("stores").findValuesAsText("name"))
                .containsExactly(
                        StoreNames.ACCOUNTS,
                        StoreNames.HISTORY_EVENTS,
                        StoreNames.HISTORY_POINTS,
                        StoreNames.KPI_LEDGER,
                        StoreNames.KPI_OUTBOX,
                        StoreNames.LTV_PENDING);
        assertThat(info.json()
                        .path("stores")
                        .path(0)
                        .path("approximate_entries")
                        .isNull())
                .as("not queryable before the start")
                .isTrue();
        assertThat(get("/info", Optional.empty()).status()).isEqualTo(401);
    }

    @Test
    void topologyIsDescribedAsJsonAndAsKafkasText() {
        Answer json = get("/topology", Optional.of(TOKEN));
        Answer text = get("/topology?format=text", Optional.of(TOKEN));

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().path("subtopologies").findValuesAsText("topic")).contains(Topics.ACCOUNT_HEALTH);
        assertThat(json.json().path("subtopologies").toString()).contains(Topics.USAGE_EVENTS);
        assertThat(json.json().path("subtopologies").size())
                .isEqualTo(topology.describe().subtopologies().size());
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).isEqualTo(topology.describe().toString());
        assertThat(get("/topology?format=xml", Optional.of(TOKEN)).status()).isEqualTo(400);
    }

    @Test
    void thePortfolioThatCannotBeQueriedYetIsA503AndBadFiltersAre400s() {
        Answer portfolio = get("/portfolio", Optional.of(TOKEN));
        Answer badTier = get("/portfolio?touch_tier=NO_TOUCH", Optional.of(TOKEN));
        Answer badSegment = get("/portfolio?segment=nowhere", Optional.of(TOKEN));
        Answer badClock = get("/portfolio?as_of=yesterday", Optional.of(TOKEN));

        assertThat(portfolio.status()).isEqualTo(503);
        assertThat(portfolio.header("Retry-After")).contains("5");
        assertThat(badTier.status()).isEqualTo(400);
        assertThat(badTier.json().path("error").asText()).contains("touch_tier must be one of");
        assertThat(badSegment.status()).isEqualTo(400);
        assertThat(badSegment.json().path("error").asText()).contains("[default]");
        assertThat(badClock.status()).isEqualTo(400);
        assertThat(get("/portfolio", Optional.empty()).status()).isEqualTo(401);
    }

    @Test
    void theConsolesFilesAreServedWithoutTheTokenAndHoldNoData() {
        Answer index = get("/console/", Optional.empty());
        Answer script = get("/console/console.js", Optional.empty());

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(index.header("Content-Security-Policy"))
                .contains("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        assertThat(index.body()).contains("<script src=\"console.js\"");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.body()).contains("sessionStorage");
    }

    @Test
    void theConsoleWithoutItsSlashRedirectsAndUnknownOrClimbingNamesAre404() {
        Answer bare = get("/console", Optional.empty());

        assertThat(bare.status()).isEqualTo(301);
        assertThat(bare.header("Location")).contains("/console/");
        assertThat(get("/console/missing.js", Optional.empty()).status()).isEqualTo(404);
        assertThat(get("/console/..%2Fapplication.properties", Optional.empty()).status())
                .isEqualTo(404);
        assertThat(get("/console/%2e%2e/%2e%2e/etc/passwd", Optional.empty()).status())
                .isEqualTo(404);
    }

    @Test
    void theWriteTokenSetsAnOverrideOnceKafkaHasIt() {
        Answer set = write(
                "POST",
                WRITE_TOKEN,
                "{\"band\": \"green\", \"reason\": \"renewal signed\", \"author\": \"alice@example.com\"}");

        assertThat(set.status()).isEqualTo(202);
        assertThat(written).hasSize(1);
        HealthOverride command = written.get(0);
        assertThat(command.getAccountId()).isEqualTo("acc-1");
        assertThat(command.getAction()).isEqualTo(OverrideAction.SET);
        assertThat(command.getBand()).isEqualTo(HealthBand.GREEN);
        assertThat(command.getPinnedScore()).isNull();
        assertThat(command.getAuthor()).isEqualTo("alice@example.com");
        assertThat(command.getCreatedAt()).isEqualTo(NOW);
        assertThat(command.getExpiresAt()).as("30 days by default").isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(set.json().path("override_id").asText()).isEqualTo(command.getOverrideId());
        assertThat(set.json().path("expires_at").asText()).isEqualTo("2026-12-20T10:00:00Z");
    }

    @Test
    void aPinnedScoreAndAnExpiryInDaysAreTakenAsGiven() {
        Answer set =
                write("POST", WRITE_TOKEN, "{\"score\": 55.5, \"reason\": \"r\", \"author\": \"bob\", \"days\": 7}");

        assertThat(set.status()).isEqualTo(202);
        assertThat(written.get(0).getPinnedScore()).isEqualTo(55.5);
        assertThat(written.get(0).getBand()).isNull();
        assertThat(written.get(0).getExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void deleteLiftsTheOverrideWithItsAuthorAndReason() {
        Answer lift = write("DELETE", WRITE_TOKEN, "{\"reason\": \"churn risk is real\", \"author\": \"alice\"}");

        assertThat(lift.status()).isEqualTo(202);
        assertThat(written.get(0).getAction()).isEqualTo(OverrideAction.LIFT);
        assertThat(written.get(0).getReason()).isEqualTo("churn risk is real");
        assertThat(written.get(0).getExpiresAt()).isNull();
    }

    @Test
    void theReadTokenMayNotWriteAndNoTokenIsAskedFor() {
        String body = "{\"band\": \"GREEN\", \"reason\": \"r\", \"author\": \"a\"}";

        Answer reader = write("POST", TOKEN, body);
        Answer nobody = write("POST", "not-a-token-at-all-0123", body);

        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.json().path("error").asText()).contains("http.auth.write-token");
        assertThat(write("DELETE", TOKEN, "{\"reason\": \"r\", \"author\": \"a\"}")
                        .status())
                .isEqualTo(403);
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(written).isEmpty();
    }

    @Test
    void theWriteTokenReadsToo() {
        assertThat(get("/metrics", Optional.of(WRITE_TOKEN)).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[]",
                "{\"reason\": \"r\", \"author\": \"a\"}",
                "{\"band\": \"GREEN\", \"score\": 80, \"reason\": \"r\", \"author\": \"a\"}",
                "{\"band\": \"BLUE\", \"reason\": \"r\", \"author\": \"a\"}",
                "{\"score\": 151, \"reason\": \"r\", \"author\": \"a\"}",
                "{\"band\": \"GREEN\", \"author\": \"a\"}",
                "{\"band\": \"GREEN\", \"reason\": \" \", \"author\": \"a\"}",
                "{\"band\": \"GREEN\", \"reason\": \"r\"}",
                "{\"band\": \"GREEN\", \"reason\": \"r\", \"author\": \"a\", \"days\": 91}",
                "{\"band\": \"GREEN\", \"reason\": \"r\", \"author\": \"a\", \"days\": 0}",
                "{\"band\": \"GREEN\", \"reason\": \"r\", \"author\": \"a\", \"expires_at\": \"2026-11-20T09:00:00Z\"}",
                "{\"band\": \"GREEN\", \"reason\": \"r\", \"author\": \"a\", \"expires_at\": \"tomorrow\"}",
                "{\"band\": \"GREEN\", \"reason\": \"r\", \"author\": \"a\", \"days\": 3, \"expires_at\": \"2026-11-25T00:00:00Z\"}",
                "{\"band\": \"GREEN\", \"reason\": \"r\", \"author\": \"a\", \"colour\": \"red\"}"
            })
    void aBadBodyIsA400AndNothingIsWritten(String body) {
        Answer answer = write("POST", WRITE_TOKEN, body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isNotBlank();
        assertThat(written).isEmpty();
    }

    @Test
    void anExpiryWithinTheMaximumIsTaken() {
        Answer set = write(
                "POST",
                WRITE_TOKEN,
                "{\"band\": \"RED\", \"reason\": \"r\", \"author\": \"a\", \"expires_at\": \"2027-02-18T10:00:00Z\"}");

        assertThat(set.status()).as(set.body()).isEqualTo(202);
        assertThat(written.get(0).getExpiresAt()).isEqualTo(Instant.parse("2027-02-18T10:00:00Z"));
    }

    @Test
    void anOverrideKafkaDidNotAcknowledgeIsA503ToSendAgain() {
        kafkaDown = true;

        Answer set = write("POST", WRITE_TOKEN, "{\"band\": \"GREEN\", \"reason\": \"r\", \"author\": \"a\"}");

        assertThat(set.status()).isEqualTo(503);
        assertThat(set.json().path("error").asText()).contains("send it again");
        assertThat(set.header("Retry-After")).contains("5");
    }

    @Test
    void otherMethodsThanTheRoutesTakeAre405NamingTheAllowedOnes() {
        Answer put = write("PUT", WRITE_TOKEN, "{}");
        Answer postToARead = HttpCalls.send("POST", url("/metrics"), Optional.of(WRITE_TOKEN), "{}");

        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).contains("POST, DELETE");
        assertThat(postToARead.status()).isEqualTo(405);
        assertThat(postToARead.header("Allow")).contains("GET");
    }

    private Answer write(String method, String token, String body) {
        return HttpCalls.send(method, url(OVERRIDE), Optional.of(token), body);
    }

    private Answer get(String path, Optional<String> token) {
        return HttpCalls.get(url(path), token);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }
}
