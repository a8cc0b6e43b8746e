package io.healthstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.avro.AccountHealth;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.testdata.KpiRecords;
import io.healthstream.testdata.ScriptedPortfolio;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.HealthstreamApp;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.HttpCalls.Answer;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint, with and without the token, against two instances of the app (same
 * application.id, two partitions per input topic) on a real broker: each instance answers for
 * every account, forwarding to the owner when it does not hold the key.
 */
class HttpApiIT {
    private static final String TOKEN = "api-test-token-0123456789";
    private static final Optional<String> WITH_TOKEN = Optional.of(TOKEN);
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static EmbeddedSchemaRegistry registry;
    private static AvroPublisher publisher;
    private static HealthstreamApp first;
    private static HealthstreamApp second;

    @BeforeAll
    static void twoInstancesOverTheScriptedPortfolio() {
        String bootstrap = KAFKA.bootstrapServers();
        AvroPublisher.createTopics(
                bootstrap,
                2,
                Stream.of(Topics.INPUTS, Topics.OUTPUTS, List.of(Topics.DEAD_LETTER, Topics.SAAS_KPIS))
                        .flatMap(List::stream)
                        .toList());
        registry = EmbeddedSchemaRegistry.start(0);
        publisher = new AvroPublisher(bootstrap, AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())));
        Map<String, String> settings =
                Map.of("application.id", "http-api-it", "http.auth.token", TOKEN, "input.partitions", "2");
        first = HealthstreamApp.start(bootstrap, registry.url(), dir.resolve("first"), settings);
        second = HealthstreamApp.start(bootstrap, registry.url(), dir.resolve("second"), settings);
        await("both instances running, each with partitions of its own")
                .atMost(Duration.ofSeconds(90))
                .until(() -> Stream.of(first, second)
                        .allMatch(app -> app.streams().state() == KafkaStreams.State.RUNNING && app.ownsPartitions()));
        ScriptedPortfolio.publish(publisher, T0);
        await("all accounts listed and acc-01 at its final score")
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    Answer all = HttpCalls.get(first.baseUrl() + "/accounts", WITH_TOKEN);
                    Answer worked = HttpCalls.get(
                            first.baseUrl() + "/accounts/" + ScriptedPortfolio.WORKED_EXAMPLE, WITH_TOKEN);
                    return all.status() == 200
                            && all.json().path("accounts").size() == ScriptedPortfolio.ACCOUNTS.size()
                            && worked.status() == 200
                            && "PAST_DUE"
                                    .equals(worked.json().path("billing_status").asText());
                });
    }

    @AfterAll
    static void stop() {
        Stream.of(first, second, publisher, registry).filter(Objects::nonNull).forEach(closeable -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void healthChecksNeedNoTokenAndReportTheStreamsState() {
        for (HealthstreamApp app : List.of(first, second)) {
            Answer live = HttpCalls.get(app.baseUrl() + "/health/live");
            Answer ready = HttpCalls.get(app.baseUrl() + "/health/ready");

            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().path("status").asText()).isEqualTo("UP");
            assertThat(live.json().path("state").asText()).isEqualTo("RUNNING");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("stores").path("accounts").asText()).isEqualTo("queryable");
        }
    }

    @Test
    void accountsAreRenderedWithTheAvroContractsFieldNames() {
        Answer account = HttpCalls.get(first.baseUrl() + "/accounts/" + ScriptedPortfolio.WORKED_EXAMPLE, WITH_TOKEN);
        Answer list = HttpCalls.get(first.baseUrl() + "/accounts?limit=2", WITH_TOKEN);
        List<String> contract = AccountHealth.getClassSchema().getFields().stream()
                .map(Schema.Field::name)
                .toList();
        List<String> names = new ArrayList<>();
        account.json().fieldNames().forEachRemaining(names::add);

        assertThat(names).allSatisfy(name -> assertThat(name).matches("[a-z0-9_]+"));
        assertThat(names)
                .contains("account_id", "score", "band", "components", "drivers", "recommended_action", "touch_tier");
        assertThat(contract)
                .contains("account_id", "score", "band", "components", "drivers", "recommended_action", "touch_tier");
        assertThat(list.json().has("next_cursor")).isTrue();
        assertThat(list.json().path("accounts").path(0).has("billing_status")).isTrue();
    }

    @Test
    void infoSizesTheAccountsEachInstanceHolds() {
        for (HealthstreamApp app : List.of(first, second)) {
            Answer info = HttpCalls.get(app.baseUrl() + "/info", WITH_TOKEN);

            assertThat(info.status()).isEqualTo(200);
            assertThat(info.json().path("application_id").asText()).isEqualTo("http-api-it");
            assertThat(info.json().path("state").asText()).isEqualTo("RUNNING");
            assertThat(info.json().path("stores").path(0).path("name").asText()).isEqualTo("accounts");
            assertThat(info.json()
                            .path("stores")
                            .path(0)
                            .path("approximate_entries")
                            .asLong())
                    .as("RocksDB's estimate of the accounts this instance owns")
                    .isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/metrics", "/accounts/acc-01", "/accounts", "/accounts?band=RED", "/kpis/2026-11", "/nowhere"})
    void everythingButHealthChecksAsksForTheToken(String path) {
        for (Optional<String> token : List.of(Optional.<String>empty(), Optional.of("wrong-token-0123456789"))) {
            Answer answer = HttpCalls.get(first.baseUrl() + path, token);

            assertThat(answer.status()).as(path + " with " + token).isEqualTo(401);
            assertThat(answer.json().path("error").asText()).isEqualTo("missing or wrong bearer token");
        }
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() {
        Answer metrics = HttpCalls.get(second.baseUrl() + "/metrics", WITH_TOKEN);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body())
                .contains(
                        "healthstream_events_consumed_total{topic=\"usage-events\"}",
                        "kafka_stream_thread_process_total",
                        "jvm_memory_used_bytes");
    }

    @Test
    void thePastDueAccountReadsTheSameFromBothInstances() {
        JsonNode fromFirst =
                HttpCalls.get(first.baseUrl() + "/accounts/acc-01", WITH_TOKEN).json();
        JsonNode fromSecond =
                HttpCalls.get(second.baseUrl() + "/accounts/acc-01", WITH_TOKEN).json();

        assertThat(fromFirst).isEqualTo(fromSecond);
        // Recomputed from the stored state by the scorer, it matches what the topology last published.
        assertThat(fromFirst.path("score").asDouble())
                .isEqualTo(fromFirst.path("last_published").path("score").asDouble());
        assertThat(fromFirst.path("band").asText()).isEqualTo("YELLOW");
        assertThat(fromFirst.path("last_published").path("band").asText()).isEqualTo("YELLOW");
        assertThat(fromFirst.path("components").path("billing").asDouble()).isEqualTo(20.0);
        assertThat(fromFirst.path("billing_status").asText()).isEqualTo("PAST_DUE");
        assertThat(fromFirst.path("mrr").asLong()).isEqualTo(ScriptedPortfolio.MRR);
        assertThat(fromFirst.path("last_event_at").asText()).isEqualTo("2026-11-02T14:00:00Z");
        assertThat(fromFirst.path("drivers").findValuesAsText("message"))
                .contains("1 open urgent ticket (-30): support 70");
    }

    @Test
    void theWorkedExamplesHistoryReadsTheSameFromBothInstancesAndSaysWhatMovedIt() {
        String path = "/accounts/acc-01/history?from=" + T0 + "&to=" + T0.plus(Duration.ofDays(1)) + "&limit=5000";
        Answer fromFirst = HttpCalls.get(first.baseUrl() + path, WITH_TOKEN);
        Answer fromSecond = HttpCalls.get(second.baseUrl() + path, WITH_TOKEN);

        assertThat(fromFirst.status()).isEqualTo(200);
        assertThat(fromFirst.json()).as("one of them forwarded to the owner").isEqualTo(fromSecond.json());
        JsonNode history = fromFirst.json();
        assertThat(history.path("account_id").asText()).isEqualTo("acc-01");
        assertThat(history.path("from").asText()).isEqualTo(T0.toString());
        JsonNode points = history.path("points");
        assertThat(points.size()).isGreaterThanOrEqualTo(3);
        JsonNode last = points.path(points.size() - 1);
        JsonNode published = HttpCalls.get(first.baseUrl() + "/accounts/acc-01", WITH_TOKEN)
                .json()
                .path("last_published");
        assertThat(last.path("score").asDouble())
                .isEqualTo(published.path("score").asDouble());
        assertThat(last.path("band").asText()).isEqualTo("YELLOW");
        assertThat(last.path("cause").path("kind").asText()).isEqualTo("EVENT");
        assertThat(last.path("changes").findValuesAsText("component")).containsExactly("billing");
        assertThat(last.has("override")).isTrue();
        assertThat(points.findValuesAsText("reason"))
                .anySatisfy(reason -> assertThat(reason).startsWith("1 open urgent ticket (-30) (event "));
        assertThat(history.path("events").findValuesAsText("summary"))
                .anySatisfy(summary -> assertThat(summary).startsWith("PAYMENT_FAILED: "));
        assertThat(HttpCalls.get(first.baseUrl() + "/accounts/acc-unknown/history", WITH_TOKEN)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void everyAccountIsAnsweredByEitherInstanceAndEachInstanceOwnsSome() {
        Set<String> owners = new HashSet<>();
        for (HealthstreamApp app : List.of(first, second)) {
            for (String account : ScriptedPortfolio.ACCOUNTS) {
                Answer answer = HttpCalls.get(app.baseUrl() + "/accounts/" + account, WITH_TOKEN);
                assertThat(answer.status())
                        .as(account + " from " + app.baseUrl())
                        .isEqualTo(200);
                assertThat(answer.json().path("account_id").asText()).isEqualTo(account);
                owners.add(answer.json().path("served_by").asText());
            }
        }
        assertThat(owners)
                .as("instances that served from their own store")
                .containsExactlyInAnyOrder(hostPort(first), hostPort(second));
    }

    @Test
    void anUnknownAccountIsA404WithAJsonError() {
        for (HealthstreamApp app : List.of(first, second)) {
            Answer answer = HttpCalls.get(app.baseUrl() + "/accounts/acc-unknown", WITH_TOKEN);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().path("error").asText()).isEqualTo("unknown account: acc-unknown");
        }
    }

    @Test
    void pagingWalksEveryAccountOfBothInstancesOnceInIdOrder() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = HttpCalls.get(
                            second.baseUrl() + "/accounts?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                            WITH_TOKEN)
                    .json();
            page.path("accounts")
                    .forEach(account -> seen.add(account.path("account_id").asText()));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).isEqualTo(ScriptedPortfolio.ACCOUNTS);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void aBandFilterListsOnlyThatBand() {
        JsonNode yellow = HttpCalls.get(first.baseUrl() + "/accounts?band=yellow&limit=50", WITH_TOKEN)
                .json();

        assertThat(yellow.path("accounts").findValuesAsText("band"))
                .isNotEmpty()
                .containsOnly("YELLOW");
        assertThat(yellow.path("accounts").findValuesAsText("account_id")).contains(ScriptedPortfolio.WORKED_EXAMPLE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/accounts?band=PURPLE",
                "/accounts?limit=0",
                "/accounts?limit=501",
                "/accounts?limit=ten",
                "/accounts?cursor=!!",
                "/accounts?cursor=garbage",
                "/accounts?band=RED&band=GREEN",
                "/accounts?limit=-5",
                "/kpis/november"
            })
    void badParametersAre400sWithAJsonErrorAndNoStackTrace(String path) {
        Answer answer = HttpCalls.get(first.baseUrl() + path, WITH_TOKEN);

        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception", "at io.");
    }

    @Test
    void unknownPathsAre404sAndWritesToAReadAre405s() {
        assertThat(HttpCalls.get(first.baseUrl() + "/accounts/acc-01/timeline", WITH_TOKEN)
                        .status())
                .isEqualTo(404);
        Answer post = HttpCalls.send("POST", first.baseUrl() + "/accounts", WITH_TOKEN);
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.json().path("error").asText()).isEqualTo("only GET is allowed on /accounts");
        assertThat(post.header("Allow")).contains("GET");
    }

    @Test
    void kpisOfAPeriodAreItsLatestRecordOnTheKpiTopic() {
        publisher.publish(Topics.SAAS_KPIS, "2026-11/USD", KpiRecords.kpis("2026-11", 100_000, T0));
        publisher.publish(Topics.SAAS_KPIS, "2026-11/USD", KpiRecords.kpis("2026-11", 120_000, T0));

        await("the second KPI record served").atMost(Duration.ofSeconds(30)).until(() -> {
            Answer answer = HttpCalls.get(second.baseUrl() + "/kpis/2026-11", WITH_TOKEN);
            return answer.status() == 200
                    && answer.json().path("records").path(0).path("mrr_end").asLong() == 120_000;
        });
        JsonNode body =
                HttpCalls.get(first.baseUrl() + "/kpis/2026-11", WITH_TOKEN).json();
        assertThat(body.path("records")).hasSize(1);
        assertThat(body.path("records").path(0).path("currency").asText()).isEqualTo("USD");
        assertThat(HttpCalls.get(first.baseUrl() + "/kpis/2026-10", WITH_TOKEN).status())
                .isEqualTo(404);
    }

    private static String hostPort(HealthstreamApp app) {
        return app.baseUrl().substring("http://".length());
    }
}
