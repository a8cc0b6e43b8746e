package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code generate --export FILE}: the portfolio as an export for replay and backtest, without a broker. */
class GenerateExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        return commandLine.execute(args);
    }

    @Test
    @DisplayName("writes one replay input line per event of every input topic")
    void writesTheReplayFormat() throws IOException {
        Path export = out.resolve("portfolio.jsonl");
        assertThat(run("generate", "--accounts", "5", "--days", "20", "--export", export.toString()))
                .isZero();
        List<String> lines = Files.readAllLines(export);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(Topics.INPUTS).contains(event.path("topic").asText());
            assertThat(event.path("value").path("event_id").asText()).isNotEmpty();
        }
    }

    @Test
    @DisplayName("without --export it needs the broker and the registry: one line, exit status 2")
    void publishingNeedsTheBroker() {
        assertThat(run("generate", "--accounts", "5")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("healthstream: --bootstrap-servers and --schema-registry-url are required unless "
                        + "--export FILE is given");
    }
}
