package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.app.Settings;
import io.healthstream.topology.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerKpisTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path output;

    @Test
    void replayWritesPortfolioKpisPerPeriodAndCurrency() throws Exception {
        ReplaySummary summary = new Replayer(
                        Settings.defaults().topology(), Settings.defaults().streamsProperties())
                .replay(Path.of("examples/events.jsonl"), output);

        List<JsonNode> kpis = Files.readAllLines(output.resolve(Topics.SAAS_KPIS + ".jsonl")).stream()
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    } catch (Exception e) {
                        throw new IllegalStateException(line, e);
                    }
                })
                .toList();
        assertThat(summary.outputs()).containsKey(Topics.SAAS_KPIS);
        assertThat(kpis).isNotEmpty();
        assertThat(kpis).extracting(k -> k.get("period").asText()).contains("2026-03", "all-time");
        assertThat(kpis).extracting(k -> k.get("currency").asText()).contains("USD", "EUR");
    }

    @Test
    @DisplayName(
            "at the end of a replay every period touched is published once: ended ones final, the last provisional")
    void replayEndsWithEveryPeriodOnce() throws Exception {
        Path input = output.resolve("two-months.jsonl");
        Files.write(
                input,
                List.of(
                        "{\"topic\":\"subscription-events\",\"value\":{\"event_id\":\"s-1\",\"account_id\":\"acc-1\","
                                + "\"occurred_at\":\"2026-03-10T00:00:00Z\",\"type\":\"SUBSCRIPTION_STARTED\",\"plan\":\"pro\","
                                + "\"seats\":1,\"mrr_before\":0,\"mrr_after\":10000,\"currency\":\"USD\"}}",
                        "{\"topic\":\"subscription-events\",\"value\":{\"event_id\":\"s-2\",\"account_id\":\"acc-2\","
                                + "\"occurred_at\":\"2026-04-02T00:00:00Z\",\"type\":\"SUBSCRIPTION_STARTED\",\"plan\":\"pro\","
                                + "\"seats\":1,\"mrr_before\":0,\"mrr_after\":5000,\"currency\":\"USD\"}}"));

        ReplaySummary summary = new Replayer(
                        Settings.defaults().topology(), Settings.defaults().streamsProperties())
                .replay(input, output.resolve("out"));

        List<String> published = Files.readAllLines(output.resolve("out").resolve(Topics.SAAS_KPIS + ".jsonl")).stream()
                .map(line -> {
                    try {
                        JsonNode k = JSON.readTree(line);
                        return k.get("period").asText() + "/"
                                + k.get("currency").asText() + " final=" + k.get("final");
                    } catch (Exception e) {
                        throw new IllegalStateException(line, e);
                    }
                })
                .toList();
        assertThat(published)
                .containsExactlyInAnyOrder(
                        "2026-03/USD final=true", "2026-04/USD final=false", "all-time/USD final=false");
        assertThat(summary.periodsClosed()).isOne();
    }
}
