package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code healthstream bench} end to end on a tiny portfolio: its own broker, the engine, the latency probe, the
 * restore and the replay, each in a child JVM (the baselines' topologies are tested on the test driver, in BaselinesTest; in the
 * bench they run through the same child path as the engine). Only what holds whatever the machine's speed is
 * asserted.
 */
class BenchCommandIT {
    @TempDir
    Path dir;

    @Test
    @DisplayName("bench preloads a portfolio, runs each variant over all of it and reports consistent figures")
    void benchRunsEveryVariantOverThePreloadedInput() throws IOException {
        Path json = dir.resolve("bench.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute(
                "bench",
                "--accounts=10",
                "--days=3",
                "--latency-seconds=3",
                "--latency-runs=2",
                "--heap=256m",
                "--variants=engine-eos,latency,restore,replay",
                "--json=" + json);

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("| variant | steady records/s |")
                .contains("| healthstream run, exactly-once v2 (default) |")
                .contains("End-to-end latency, event produced -> AccountHealth visible read_committed")
                .contains("End-to-end latency (run 2), event produced -> AccountHealth visible read_committed")
                .contains("restore, state directory deleted: ")
                .contains("replay: ");

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        long events = report.path("setup").path("events").asLong();
        assertThat(events).isPositive();
        Map<String, JsonNode> results = new HashMap<>();
        report.path("results")
                .forEach(result -> results.put(result.path("variant").asText(), result));
        assertThat(results).containsOnlyKeys("engine-eos", "latency", "latency (run 2)", "restore", "replay");
        assertThat(results.get("latency (run 2)").path("latency").path("sent").asLong())
                .isPositive();

        JsonNode engine = results.get("engine-eos");
        assertThat(engine.path("inputRecords").asLong()).isEqualTo(events);
        assertThat(engine.path("steadyPerSecond").asDouble()).isPositive();
        assertThat(engine.path("cpuSecondsPerMillion").asDouble()).isPositive();
        assertThat(engine.path("brokerCpuSecondsPerMillion").asDouble()).isPositive();
        assertThat(engine.path("changelogBytes").asLong()).isPositive();
        assertThat(engine.path("stateBytes").asLong()).isPositive();
        assertThat(engine.path("outputRecords").asLong()).isPositive();
        assertThat(engine.path("peakHeapBytes").asLong()).isPositive();
        assertThat(engine.path("peakRssBytes").asLong())
                .isGreaterThanOrEqualTo(engine.path("peakHeapBytes").asLong());

        JsonNode latency = results.get("latency").path("latency");
        assertThat(latency.path("sent").asLong()).isPositive();
        assertThat(latency.path("scored").asLong())
                .isBetween(0L, latency.path("sent").asLong());
        assertThat(latency.path("p50Millis").asLong())
                .isLessThanOrEqualTo(latency.path("p99Millis").asLong());
        assertThat(latency.path("p99Millis").asLong())
                .isLessThanOrEqualTo(latency.path("maxMillis").asLong());

        JsonNode restore = results.get("restore");
        assertThat(restore.path("inputRecords").asLong())
                .as("changelog records read back")
                .isPositive();
        assertThat(restore.path("seconds").asDouble()).isPositive();
        assertThat(restore.path("changelogBytes").asLong())
                .isGreaterThanOrEqualTo(engine.path("changelogBytes").asLong());
        assertThat(restore.path("stateBytes").asLong()).as("the state rebuilt").isPositive();

        JsonNode replay = results.get("replay");
        assertThat(replay.path("inputRecords").asLong()).isEqualTo(events);
        assertThat(replay.path("outputRecords").asLong()).isPositive();
    }
}
