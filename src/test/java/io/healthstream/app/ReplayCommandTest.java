package io.healthstream.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay command on the example file the README shows. */
class ReplayCommandTest {
    private static final Path EXAMPLE = Path.of("examples/events.jsonl");
    private static final Path EXAMPLE_CONFIG = Path.of("examples/healthstream.properties");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private List<JsonNode> read(String file) throws IOException {
        return Files.readAllLines(out.resolve(file)).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
    }

    @Test
    void exampleReplayReproducesTheWorkedExample() throws IOException {
        assertThat(run("replay", "--input", EXAMPLE.toString(), "--output", out.toString(),
                "--config", EXAMPLE_CONFIG.toString())).isZero();

        List<JsonNode> acc1 = read("account-health.jsonl").stream()
                .filter(r -> r.get("account_id").asText().equals("acc-1")).toList();
        assertThat(acc1).extracting(r -> r.get("score").asDouble()).containsSubsequence(99.0, 93.0, 69.0);
        JsonNode afterFailedPayment = acc1.stream().filter(r -> r.get("source_event_id").asText().equals("s-2"))
                .findFirst().orElseThrow();
        assertThat(afterFailedPayment.get("score").asDouble()).isEqualTo(69.0);
        assertThat(afterFailedPayment.get("band").asText()).isEqualTo("YELLOW");
        assertThat(afterFailedPayment.get("previous_band").asText()).isEqualTo("GREEN");
        assertThat(afterFailedPayment.get("computed_at").asText()).isEqualTo("2026-03-08T09:00:00Z");
    }

    @Test
    void exampleReplayWritesEveryOutputTopicAndTheDeadLetters() throws IOException {
        run("replay", "--input", EXAMPLE.toString(), "--output", out.toString(), "--config", EXAMPLE_CONFIG.toString());

        assertThat(read("churn-signals.jsonl")).extracting(r -> r.get("type").asText())
                .contains("PAYMENT_FAILED", "NPS_DETRACTOR", "CANCELLED", "ONBOARDING_STALLED", "USAGE_DROP")
                .containsOnlyOnce("PAYMENT_FAILED");
        assertThat(read("contraction-alerts.jsonl")).singleElement()
                .satisfies(a -> assertThat(a.get("mrr_delta").asLong()).isEqualTo(-10000));
        assertThat(read("nps-followups.jsonl")).extracting(r -> r.get("category").asText())
                .containsExactly("DETRACTOR", "PROMOTER");
        assertThat(read("expansion-opportunities.jsonl")).extracting(r -> r.get("reason").asText()).contains("PROMOTER");
        List<JsonNode> dead = read("healthstream-dlq.jsonl");
        assertThat(dead).extracting(r -> r.get("reason").asText()).containsExactly("invalid-nps-score", "malformed-line");
        assertThat(dead.get(0).get("line").asLong()).isEqualTo(lineOf("\"n-30\""));
        assertThat(dead.get(1).get("line").asLong()).isEqualTo(Files.readAllLines(EXAMPLE).size());
        assertThat(dead.get(1).get("error").asText()).contains("missing field 'user_id'");
    }

    private static long lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + EXAMPLE);
    }

    @Test
    void missingInputFileExitsWithTwoAndOneLine() {
        assertThat(run("replay", "--input", out.resolve("nope.jsonl").toString(), "--output", out.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("healthstream: input file not found").doesNotContain("\n");
    }

    @Test
    void invalidModelSettingExitsWithTwoNamingTheKey() throws IOException {
        Path config = out.resolve("bad.properties");
        Files.writeString(config, "model.weights.usage=0.9\n");
        assertThat(run("replay", "--input", EXAMPLE.toString(), "--output", out.toString(), "--config", config.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("model.weights").doesNotContain("Exception");
    }

    @Test
    void helpListsTheCommands() {
        StringWriter help = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(help));
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(help.toString()).contains("Usage: healthstream").contains("replay");
    }
}
