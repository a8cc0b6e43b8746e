package io.healthstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.testdata.ScriptedPortfolio;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.GrafanaDashboard;
import io.healthstream.testsupport.HealthstreamApp;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.testsupport.Prerequisite;
import io.healthstream.testsupport.PrometheusServer;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Grafana dashboard against a real Prometheus scraping a real healthstream: after two scrapes,
 * every PromQL expression of the dashboard returns at least one series.
 */
class DashboardQueriesIT {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardQueriesIT.class);
    private static final String TOKEN = "prometheus-scrape-token-42";
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final int PARTITIONS = 2;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void everyDashboardQueryReturnsASeries() throws IOException {
        Optional<Path> prometheus = PrometheusServer.binary();
        Prerequisite.require(
                prometheus.isPresent(),
                "prometheus is not installed (apt-get install -y --no-install-recommends prometheus)");
        Map<String, String> queries = GrafanaDashboard.queries();
        assertThat(queries).isNotEmpty();
        String bootstrap = KAFKA.bootstrapServers();
        AvroPublisher.createTopics(
                bootstrap,
                PARTITIONS,
                Stream.concat(
                                Stream.concat(Topics.INPUTS.stream(), Topics.OUTPUTS.stream()),
                                Stream.of(Topics.DEAD_LETTER))
                        .toList());

        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(0);
                HealthstreamApp app = HealthstreamApp.start(
                        bootstrap,
                        registry.url(),
                        dir.resolve("state"),
                        Map.of(
                                "application.id",
                                "dashboard-it",
                                "http.auth.token",
                                TOKEN,
                                "input.partitions",
                                Integer.toString(PARTITIONS)));
                AvroPublisher publisher = new AvroPublisher(
                        bootstrap, AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())))) {
            app.awaitRunning(Duration.ofSeconds(60));
            ScriptedPortfolio.publish(publisher, T0);
            await("every account banded and the bad record dead-lettered")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        String metrics = HttpCalls.get(app.baseUrl() + "/metrics", Optional.of(TOKEN))
                                .body();
                        return sum(metrics, "healthstream_accounts{") == ScriptedPortfolio.ACCOUNTS.size()
                                && sum(metrics, "healthstream_dlq_records_total{") == 1;
                    });

            Path promDir = Files.createDirectories(dir.resolve("prometheus"));
            Instant started = Instant.now();
            try (PrometheusServer server = PrometheusServer.start(
                    prometheus.get(), promDir, app.baseUrl().substring("http://".length()), Optional.of(TOKEN))) {
                await("two successful scrapes (log: " + server.log() + ")")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> server.query("sum_over_time(up{job=\"healthstream\"}[1m])")
                                        .path(0)
                                        .path("value")
                                        .path(1)
                                        .asDouble()
                                >= 2);
                Duration toTwoScrapes = Duration.between(started, Instant.now());
                GrafanaDashboard.awaitEverySeries(server, queries, Duration.ofSeconds(45));
                assertThat(server.query("sum(healthstream_accounts)")
                                .path(0)
                                .path("value")
                                .path(1)
                                .asDouble())
                        .as("accounts by band, summed")
                        .isEqualTo(ScriptedPortfolio.ACCOUNTS.size());
                assertThat(alertMetrics())
                        .as("metrics the alert rules read that Prometheus has no series of")
                        .isNotEmpty()
                        .allSatisfy(metric ->
                                assertThat(server.query(metric)).as(metric).isNotEmpty());
                assertThat(server.query("sum by (store) (kafka_stream_state_estimate_num_keys)"))
                        .extracting(
                                series -> series.path("metric").path("store").asText())
                        .as("stores with a size")
                        .contains("accounts", "kpi-outbox", "kpi-ledger");
                LOG.info(
                        "Prometheus: two scrapes {} ms after start; all {} dashboard queries answered {} ms after start;"
                                + " last scrape {} samples in {} s",
                        toTwoScrapes.toMillis(),
                        queries.size(),
                        Duration.between(started, Instant.now()).toMillis(),
                        server.query("scrape_samples_scraped{job=\"healthstream\"}")
                                .path(0)
                                .path("value")
                                .path(1)
                                .asText(),
                        server.query("scrape_duration_seconds{job=\"healthstream\"}")
                                .path(0)
                                .path("value")
                                .path(1)
                                .asText());
            }
        }
    }

    /** The sum of the samples whose line starts with {@code prefix} in a Prometheus text scrape. */
    private static double sum(String scrape, String prefix) {
        return scrape.lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Every metric name deploy/prometheus/alerts.yml reads. */
    private static Set<String> alertMetrics() throws IOException {
        Matcher names = Pattern.compile("\\b(?:healthstream|kafka)_[a-z_]+|\\bup\\b")
                .matcher(Files.readString(Path.of("deploy/prometheus/alerts.yml"))
                        .replaceAll("(?m)^\\s*#.*$", ""));
        Set<String> metrics = new TreeSet<>();
        while (names.find()) {
            metrics.add(names.group());
        }
        return metrics;
    }
}
