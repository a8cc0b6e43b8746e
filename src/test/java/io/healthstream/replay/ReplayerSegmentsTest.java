package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.app.Settings;
import io.healthstream.testdata.Models;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay scores each account with its segment's model, as the live topology does (SegmentTopologyTest). */
class ReplayerSegmentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The worked example's events for one account: usage worth 100 (report_exported weighs 5), an NPS promoter. */
    private static List<String> workedExample(String account, String plan, String segment) {
        String attribute = segment == null ? "" : ",\"segment\":\"" + segment + "\"";
        return List.of(
                "{\"topic\":\"subscription-events\",\"value\":{\"event_id\":\"s-" + account + "\",\"account_id\":\""
                        + account + "\",\"occurred_at\":\"2026-03-01T00:00:00Z\",\"type\":\"SUBSCRIPTION_STARTED\","
                        + "\"plan\":\"" + plan + "\",\"seats\":5,\"mrr_before\":0,\"mrr_after\":10000,"
                        + "\"currency\":\"USD\"" + attribute + "}}",
                "{\"topic\":\"usage-events\",\"value\":{\"event_id\":\"u1-" + account + "\",\"account_id\":\""
                        + account + "\",\"user_id\":\"u\",\"occurred_at\":\"2026-03-01T01:00:00Z\","
                        + "\"action\":\"login\",\"count\":50}}",
                "{\"topic\":\"usage-events\",\"value\":{\"event_id\":\"u2-" + account + "\",\"account_id\":\""
                        + account + "\",\"user_id\":\"u\",\"occurred_at\":\"2026-03-01T02:00:00Z\","
                        + "\"action\":\"report_exported\",\"count\":10}}",
                "{\"topic\":\"nps-responses\",\"value\":{\"event_id\":\"n-" + account + "\",\"account_id\":\"" + account
                        + "\",\"user_id\":\"user-1\",\"occurred_at\":\"2026-03-01T03:00:00Z\",\"score\":9}}");
    }

    @Test
    @DisplayName("replay: the same events give 99 (default), 64 (enterprise plan) and 84 (sales-led attribute)")
    void replayScoresEachAccountWithItsSegmentsModel() throws IOException {
        List<String> export = new ArrayList<>();
        export.addAll(workedExample("acc-pro", "pro", null));
        export.addAll(workedExample("acc-ent", "enterprise", null));
        export.addAll(workedExample("acc-sales", "pro", "sales-led"));
        Path input = Files.write(dir.resolve("export.jsonl"), export);
        Settings settings = Settings.of(Models.SEGMENTS);

        new Replayer(settings.topology(), settings.streamsProperties()).replay(input, dir.resolve("out"));

        Map<String, JsonNode> latest = new TreeMap<>();
        Files.readAllLines(dir.resolve("out").resolve(Topics.ACCOUNT_HEALTH + ".jsonl")).stream()
                .map(ReplayerSegmentsTest::parse)
                .forEach(record -> latest.put(record.get("account_id").asText(), record));
        assertThat(latest.get("acc-pro").get("score").asDouble()).isEqualTo(99.0);
        assertThat(latest.get("acc-pro").get("segment").asText()).isEqualTo("default");
        assertThat(latest.get("acc-ent").get("score").asDouble()).isEqualTo(64.0);
        assertThat(latest.get("acc-ent").get("segment").asText()).isEqualTo("enterprise");
        assertThat(latest.get("acc-sales").get("score").asDouble()).isEqualTo(84.0);
        assertThat(latest.get("acc-sales").get("segment").asText()).isEqualTo("sales-led");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
