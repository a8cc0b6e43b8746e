package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/**
 * The backtest command over the hand-made export of {@code replay.BacktestHandMadeTest} (whose figures are
 * worked out there), with a 30-day horizon: files, comparison, fit, and the mistakes users make.
 */
class BacktestCommandTest {
    private static final Path EXPORT = Path.of("src/test/resources/backtest/hand-made.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private final StringWriter err = new StringWriter();
    private final StringWriter stdout = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(stdout));
        return commandLine.execute(args);
    }

    private JsonNode report() throws IOException {
        return JSON.readTree(out.resolve(BacktestCommand.REPORT_FILE).toFile());
    }

    @Test
    @DisplayName("writes the table, backtest.json with every figure and verdict, and an SVG chart")
    void reportTableJsonAndChart() throws Exception {
        assertThat(run("backtest", "--input", EXPORT.toString(), "--horizon-days", "30", "--output", out.toString()))
                .isZero();
        String version = Settings.defaults().modelVersion();
        assertThat(stdout.toString())
                .contains("horizon 30 days, flagged when the band becomes RED")
                .contains(version)
                .containsPattern("precision\\s+0\\.500")
                .containsPattern("recall\\s+0\\.333");
        JsonNode model = report().path("models").get(0);
        assertThat(model.path("model_version").asText()).isEqualTo(version);
        assertThat(model.path("true_positives").asInt()).isEqualTo(1);
        assertThat(model.path("false_alarm_rate").asDouble()).isEqualTo(0.25);
        assertThat(model.path("lead_time_days").path("median").asDouble()).isEqualTo(10.0);
        assertThat(model.path("mrr_missed").path("USD").asLong()).isEqualTo(40_000);
        assertThat(model.path("verdicts")).hasSize(7);
        JsonNode tp = StreamSupport.stream(model.path("verdicts").spliterator(), false)
                .filter(v -> v.path("account_id").asText().equals("acc-tp"))
                .findFirst()
                .orElseThrow();
        assertThat(tp.path("churned_at").asText()).isEqualTo("2026-03-11T00:00:00Z");
        assertThat(tp.path("first_flag").asText()).isEqualTo("2026-03-01T00:00:00Z");

        Document svg = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(out.resolve(BacktestCommand.CHART_FILE).toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        // A median line for the churned accounts and one for the retained ones.
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(2);
    }

    @Test
    @DisplayName("--compare: both model versions side by side and the accounts whose verdict changed")
    void compare() throws Exception {
        // RED only at 30 or below: the past-due 33s are no longer RED.
        Path lower = out.resolve("lower-red.properties");
        Files.writeString(lower, "model.name=lower-red\nmodel.bands.red.max=30\n");
        assertThat(run(
                        "backtest",
                        "--input",
                        EXPORT.toString(),
                        "--horizon-days",
                        "30",
                        "--compare",
                        lower.toString(),
                        "--output",
                        out.toString()))
                .isZero();
        String other = Settings.load(lower, Map.of()).modelVersion();
        assertThat(other).startsWith("lower-red/");
        assertThat(stdout.toString())
                .contains(Settings.defaults().modelVersion())
                .contains(other)
                .contains("Verdicts that changed: 3")
                .containsPattern("acc-tp\\s+TRUE_POSITIVE -> FALSE_NEGATIVE");
        JsonNode report = report();
        assertThat(report.path("models").get(1).path("true_positives").asInt()).isZero();
        assertThat(report.path("verdict_changes").findValuesAsText("account_id"))
                .containsExactly("acc-fp", "acc-nyj", "acc-tp");
        assertThat(out.resolve(BacktestCommand.COMPARE_CHART_FILE)).exists();
    }

    @Test
    @DisplayName("--fit: the winner as a properties snippet that is a valid configuration and backtests to its figures")
    void fit() throws Exception {
        assertThat(run(
                        "backtest",
                        "--input",
                        EXPORT.toString(),
                        "--horizon-days",
                        "30",
                        "--fit",
                        "--output",
                        out.toString()))
                .isZero();
        // acc-tp and acc-fp enter RED with the same components (past due: 0, 20, 100, 70), so no weights tell
        // them apart: recall stays 1/3 at precision 1/2; the current weights are nearest, and 33 is the lowest
        // threshold that still catches acc-tp's 33.
        assertThat(stdout.toString())
                .contains("model.weights.usage=0.4\n")
                .contains("model.weights.billing=0.3\n")
                .contains("model.bands.red.max=33\n");
        Path fitted = out.resolve(BacktestCommand.FITTED_FILE);
        assertThat(Settings.load(fitted, Map.of()).model().bands().redMax()).isEqualTo(33);
        assertThat(report().path("fit").path("best").path("recall").asDouble())
                .isEqualTo(report().path("models").get(0).path("recall").asDouble());

        Path again = out.resolve("again");
        assertThat(run(
                        "backtest",
                        "--input",
                        EXPORT.toString(),
                        "--horizon-days",
                        "30",
                        "--config",
                        fitted.toString(),
                        "--output",
                        again.toString()))
                .isZero();
        JsonNode replayed = JSON.readTree(
                        again.resolve(BacktestCommand.REPORT_FILE).toFile())
                .path("models")
                .get(0);
        JsonNode rescored = report().path("fit").path("best");
        for (String figure : List.of("true_positives", "false_positives", "false_negatives", "not_yet_judged")) {
            assertThat(replayed.path(figure)).as(figure).isEqualTo(rescored.path(figure));
        }
    }

    @Test
    @DisplayName("mistakes give one line and exit status 2")
    void mistakes() throws IOException {
        Path missing = out.resolve("missing.jsonl");
        assertMistake("healthstream: input file not found: " + missing, "--input", missing.toString());
        assertMistake(
                "healthstream: --horizon-days must be at least 1, got 0",
                "--input",
                EXPORT.toString(),
                "--horizon-days",
                "0");
        assertMistake("--flag must be RED or CRITICAL, got 'YELLOW'", "--input", EXPORT.toString(), "--flag", "YELLOW");
        assertMistake(
                "healthstream: --fit and --compare cannot be combined",
                "--input",
                EXPORT.toString(),
                "--fit",
                "--compare",
                EXPORT.toString());
        assertMistake(
                "healthstream: --threads must be at least 1, got 0", "--input", EXPORT.toString(), "--threads", "0");
        Path badModel = out.resolve("bad.properties");
        Files.writeString(badModel, "model.weights.usage=0.9\n");
        assertMistake("they must sum to 1", "--input", EXPORT.toString(), "--compare", badModel.toString());
        assertThat(out.resolve(BacktestCommand.REPORT_FILE)).doesNotExist();
    }

    private void assertMistake(String message, String... args) {
        err.getBuffer().setLength(0);
        String[] command = new String[args.length + 3];
        command[0] = "backtest";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "--output";
        command[args.length + 2] = out.toString();
        assertThat(run(command)).isEqualTo(2);
        assertThat(err.toString()).contains(message).startsWith("healthstream: ");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
