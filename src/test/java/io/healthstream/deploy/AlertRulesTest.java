package io.healthstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.healthstream.testsupport.Prerequisite;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** deploy/prometheus/alerts.yml: valid for Prometheus, and every alert unit-tested with promtool. */
class AlertRulesTest {
    private static final Path DIR = Path.of("deploy/prometheus");
    private static final Path RULES = DIR.resolve("alerts.yml");
    private static final Path TESTS = DIR.resolve("alerts-test.yml");

    private record Run(int status, String output) {}

    @Test
    @DisplayName("the operators' alerts are all there, each with a severity, a summary and a description")
    void everyExpectedAlertIsDefined() throws IOException {
        JsonNode rules =
                new YAMLMapper().readTree(RULES.toFile()).path("groups").path(0).path("rules");

        assertThat(rules.findValuesAsText("alert"))
                .containsExactlyInAnyOrder(
                        "HealthstreamDown",
                        "HealthstreamNotRunning",
                        "HealthstreamStreamThreadDied",
                        "HealthstreamConsumerLagGrowing",
                        "HealthstreamDeadLetterRateHigh",
                        "HealthstreamNoOutputWhileInputFlows",
                        "HealthstreamPunctuationFallingBehind",
                        "HealthstreamStateRestoring",
                        "HealthstreamRocksDbBlockCacheNearBound");
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.path("labels").path("severity").asText()).isIn("critical", "warning", "info");
            assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).isNotBlank();
        });
    }

    @Test
    @DisplayName("every alert has a promtool unit test that expects it to fire")
    void everyAlertHasAFiringTest() throws IOException {
        Set<String> alerts =
                new TreeSet<>(new YAMLMapper().readTree(RULES.toFile()).findValuesAsText("alert"));
        Set<String> tested = new TreeSet<>();
        for (JsonNode test : new YAMLMapper().readTree(TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                if (!check.path("exp_alerts").isEmpty()) {
                    tested.add(check.path("alertname").asText());
                }
            }
        }

        assertThat(tested).isEqualTo(alerts);
    }

    @Test
    @DisplayName("promtool checks the rules and passes their unit tests")
    void promtoolPassesTheRulesAndTheirTests() throws Exception {
        Prerequisite.require(
                promtool(), "promtool is not installed (apt-get install -y --no-install-recommends prometheus)");

        Run check = run("promtool", "check", "rules", RULES.toString());
        Run test = run("promtool", "test", "rules", TESTS.toString());

        assertThat(check.status()).as(check.output()).isZero();
        assertThat(test.status()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    private static boolean promtool() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
