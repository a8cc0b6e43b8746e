package io.healthstream.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/** The PromQL of the healthstream Grafana dashboard, as provisioned by docker-compose. */
public final class GrafanaDashboard {
    public static final Path FILE = Path.of("deploy/grafana/dashboards/healthstream.json");

    private GrafanaDashboard() {}

    /** Panel title and refId to PromQL, for every target of every panel. */
    public static Map<String, String> queries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(FILE.toFile());
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.put(
                            panel.path("title").asText() + " ["
                                    + target.path("refId").asText() + "]",
                            target.path("expr").asText());
                }
            }
        }
        return queries;
    }

    /** Waits until every query returns at least one series; fails naming the ones still empty. */
    public static void awaitEverySeries(PrometheusServer prometheus, Map<String, String> queries, Duration timeout) {
        Map<String, String> empty = new LinkedHashMap<>(queries);
        try {
            await("every dashboard query returns a series").atMost(timeout).until(() -> {
                empty.entrySet()
                        .removeIf(query -> !prometheus.query(query.getValue()).isEmpty());
                return empty.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; still empty: " + empty, e);
        }
    }
}
