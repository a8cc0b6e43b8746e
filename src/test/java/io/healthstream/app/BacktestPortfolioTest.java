package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.tools.generator.PortfolioExport;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The backtest on the generator's portfolio, where churn is simulated: small enough for a unit test (the
 * README's 2,000 accounts x 180 days is measured by hand with the command), long enough (twice the 60-day
 * horizon) for flags to be judged.
 */
class BacktestPortfolioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEMO_MODEL = "src/main/resources/demo.properties";

    @TempDir
    static Path work;

    private static JsonNode split;
    private static JsonNode whole;

    @BeforeAll
    static void backtestThePortfolio() throws IOException {
        Path export = work.resolve("portfolio.jsonl");
        PortfolioExport.write(
                new PortfolioSimulation(new PortfolioSpec(80, 120, 7, Instant.parse("2026-10-01T00:00:00Z"))), export);
        split = backtest(export, "split", "--threads", "2", "--fit");
        whole = backtest(export, "whole", "--threads", "1");
    }

    private static JsonNode backtest(Path export, String name, String... options) throws IOException {
        Path out = work.resolve(name);
        CommandLine commandLine = Main.commandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        List<String> args = new ArrayList<>(List.of(
                "backtest",
                "--input",
                export.toString(),
                "--config",
                DEMO_MODEL,
                "--horizon-days",
                "60",
                "--output",
                out.toString()));
        args.addAll(List.of(options));
        assertThat(commandLine.execute(args.toArray(String[]::new)))
                .as(err.toString())
                .isZero();
        return JSON.readTree(out.resolve(BacktestCommand.REPORT_FILE).toFile());
    }

    @Test
    @DisplayName("the simulated churners are there, and the model catches some of them ahead of churn")
    void churnIsFoundAndPartlyCaught() {
        JsonNode model = split.path("models").get(0);
        assertThat(model.path("churned").asInt()).isPositive();
        assertThat(model.path("true_positives").asInt()).isPositive();
        assertThat(model.path("lead_time_days").path("median").asDouble()).isPositive();
        assertThat(model.path("auc").path("pairs").asLong()).isPositive();
    }

    @Test
    @DisplayName("replays split by account judge every account as one replay does")
    void splitReplaysGiveTheSameVerdicts() {
        assertThat(split.path("models").get(0).path("verdicts"))
                .isEqualTo(whole.path("models").get(0).path("verdicts"));
    }

    @Test
    @DisplayName("the fit re-scores the model to its own figures and finds no lower recall at no lower precision")
    void fitKeepsPrecisionAndRaisesRecall() {
        JsonNode model = split.path("models").get(0);
        JsonNode fit = split.path("fit");
        for (String figure :
                List.of("true_positives", "false_positives", "false_negatives", "true_negatives", "not_yet_judged")) {
            assertThat(fit.path("current_rescored").path(figure)).as(figure).isEqualTo(model.path(figure));
        }
        assertThat(fit.path("best").path("recall").asDouble())
                .isGreaterThanOrEqualTo(model.path("recall").asDouble());
        assertThat(fit.path("best").path("precision").asDouble())
                .isGreaterThanOrEqualTo(model.path("precision").asDouble());
    }

    @Test
    @DisplayName("fitted.properties is the tested model with the fitted keys after it: a valid configuration")
    void fittedPropertiesIsTheWholeModel() {
        Settings fitted = Settings.load(work.resolve("split").resolve(BacktestCommand.FITTED_FILE), Map.of());
        assertThat(fitted.model().usage().expectedFor("pro")).isEqualTo(400);
        JsonNode best = split.path("fit").path("best");
        assertThat(fitted.model().weights().nps())
                .isEqualTo(best.path("model.weights.nps").asDouble());
        assertThat(fitted.model().bands().redMax())
                .isEqualTo(best.path("model.bands.red.max").asDouble());
    }
}
