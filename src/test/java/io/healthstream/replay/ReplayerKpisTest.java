package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.app.Settings;
import io.healthstream.topology.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerKpisTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path output;

    @Test
    void replayWritesPortfolioKpisPerPeriodAndCurrency() throws Exception {
        ReplaySummary summary = new Replayer(Settings.defaults()).replay(Path.of("examples/events.jsonl"), output);

        List<JsonNode> kpis = Files.readAllLines(output.resolve(Topics.SAAS_KPIS + ".jsonl")).stream()
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    } catch (Exception e) {
                        throw new IllegalStateException(line, e);
                    }
                }).toList();
        assertThat(summary.outputs()).containsKey(Topics.SAAS_KPIS);
        assertThat(kpis).isNotEmpty();
        assertThat(kpis).extracting(k -> k.get("period").asText()).contains("2026-03", "all-time");
        assertThat(kpis).extracting(k -> k.get("currency").asText()).contains("USD", "EUR");
    }
}
