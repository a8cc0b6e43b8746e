package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user's terminal or log pipeline gets: {@code replay} in a JVM of its own with the shipped
 * log4j2.xml (the tests' own log configuration is not the one users run).
 */
class ProductionLoggingTest {
    private static final Path EXAMPLE = Path.of("examples/events.jsonl");
    private static final Path EXAMPLE_CONFIG = Path.of("examples/healthstream.properties");
    // A text log line: time, level, thread, logger.
    private static final Pattern TEXT_LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +[A-Z]+ +\\[.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int status, List<String> lines) {}

    @Test
    @DisplayName("a replay of clean input logs no WARN or ERROR line")
    void aCleanReplayLogsNoWarning() throws Exception {
        Path clean = dir.resolve("clean.jsonl");
        // The example without its NPS score of 11, the one event the engine rejects.
        Files.write(
                clean,
                Files.readAllLines(EXAMPLE).stream()
                        .filter(line -> !line.contains("\"score\": 11"))
                        .toList());

        Run run = replay(clean, EXAMPLE_CONFIG, Map.of());

        assertThat(run.status()).isZero();
        assertThat(run.lines()).anyMatch(line -> line.startsWith("Replayed "));
        assertThat(run.lines()).noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    }

    @Test
    @DisplayName("HEALTHSTREAM_LOG_FORMAT=json turns every log line into one ECS JSON object")
    void jsonFromTheEnvironment() throws Exception {
        Run run = replay(EXAMPLE, EXAMPLE_CONFIG, Map.of("HEALTHSTREAM_LOG_FORMAT", "json"));

        assertEveryLogLineIsJsonWithTheRejectedEvent(run);
    }

    @Test
    @DisplayName("log.format=json in the configuration file does the same from the moment it is read")
    void jsonFromTheConfigurationFile() throws Exception {
        Path config = dir.resolve("json.properties");
        Files.writeString(config, Files.readString(EXAMPLE_CONFIG) + "\nlog.format=json\n");

        assertEveryLogLineIsJsonWithTheRejectedEvent(replay(EXAMPLE, config, Map.of()));
    }

    private static void assertEveryLogLineIsJsonWithTheRejectedEvent(Run run) throws IOException {
        assertThat(run.status()).isZero();
        assertThat(run.lines()).noneMatch(line -> TEXT_LOG_LINE.matcher(line).matches());
        List<JsonNode> logs = new ArrayList<>();
        for (String line : run.lines()) {
            if (line.startsWith("{")) {
                logs.add(JSON.readTree(line));
            }
        }
        assertThat(logs).anySatisfy(log -> {
            assertThat(log.path("log.level").asText()).isEqualTo("WARN");
            assertThat(log.path("message").asText()).contains("NPS score must be 0-10, got 11");
            assertThat(log.path("@timestamp").asText()).isNotBlank();
        });
    }

    /** Runs {@code healthstream replay} in a child JVM on the shipped logging configuration. */
    private Run replay(Path input, Path config, Map<String, String> environment) throws Exception {
        Path output = Files.createTempDirectory(dir, "out");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dlog4j2.configurationFile=classpath:log4j2.xml",
                        Main.class.getName(),
                        "replay",
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "--config",
                        config.toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith(ConfigSources.ENV_PREFIX));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), text.lines().toList());
    }
}
