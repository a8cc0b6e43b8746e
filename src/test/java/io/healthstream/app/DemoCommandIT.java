package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthstream.testsupport.GrafanaDashboard;
import io.healthstream.testsupport.Prerequisite;
import io.healthstream.testsupport.PrometheusServer;
import io.healthstream.testsupport.Waits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart itself: {@code java -jar target/healthstream.jar demo} as a child process. */
class DemoCommandIT {
    private static final Pattern BAND_LINE = Pattern.compile("^\\s+(THRIVING|GREEN|YELLOW|RED)\\s+(\\d+).*");
    private static final Pattern SIGNAL_TYPES = Pattern.compile("^Signal types so far: (\\d+) of.*");
    private static final Pattern METRICS = Pattern.compile("^metrics http://([^/]+)/metrics .*");
    private static final Duration SHOW_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    /** What the latest summaries showed, as the output streams by. */
    private static final class Screen {
        private final Map<String, Long> bands = new HashMap<>();
        private int signalTypes;
        private String metricsTarget;
        private final StringBuilder transcript = new StringBuilder();

        synchronized void read(String line) {
            transcript.append(line).append('\n');
            Matcher band = BAND_LINE.matcher(line);
            if (band.matches()) {
                bands.put(band.group(1), Long.parseLong(band.group(2)));
            }
            Matcher metrics = METRICS.matcher(line);
            if (metrics.matches()) {
                metricsTarget = metrics.group(1);
            }
            Matcher types = SIGNAL_TYPES.matcher(line);
            if (types.matches()) {
                signalTypes = Integer.parseInt(types.group(1));
            }
        }

        synchronized boolean showsEverything() {
            return bands.size() == 4 && bands.values().stream().allMatch(count -> count > 0) && signalTypes >= 5;
        }

        synchronized String metricsTarget() {
            return metricsTarget;
        }

        synchronized String transcript() {
            return transcript.toString();
        }
    }

    @Test
    @DisplayName("the demo shows all four bands and five signal types, a real Prometheus scraping it answers every "
            + "dashboard query, and it stops cleanly on SIGTERM")
    void demoShowsEveryBandAndStopsCleanly(@TempDir Path work) throws Exception {
        Path jar = Path.of("target", "healthstream.jar");
        assertThat(jar).as("built by the package phase").exists();
        Process demo = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "demo", "--accounts", "200")
                .redirectErrorStream(true)
                .start();
        Screen screen = new Screen();
        Thread reader = new Thread(() -> readAll(demo, screen), "demo-output");
        reader.start();
        Instant started = Instant.now();
        try {
            Waits.atMost(SHOW_DEADLINE, () -> screen.showsEverything() || !demo.isAlive());
            assertThat(screen.showsEverything())
                    .as(
                            "the summary after %s s:%n%s",
                            Duration.between(started, Instant.now()).toSeconds(), screen.transcript())
                    .isTrue();
            everyDashboardQueryAnswers(screen.metricsTarget(), work);
            List<ProcessHandle> children = demo.descendants().toList();
            assertThat(children).as("the broker runs as a child JVM").isNotEmpty();

            demo.destroy();
            assertThat(demo.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .as("demo stopped in 30 s")
                    .isTrue();
            assertThat(children).as("no child process outlives the demo").noneMatch(ProcessHandle::isAlive);
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
            reader.join(Duration.ofSeconds(5).toMillis());
        }
    }

    /** A real Prometheus scrapes the demo's /metrics; after two scrapes every Grafana panel query has a series. */
    private static void everyDashboardQueryAnswers(String metricsTarget, Path work) throws IOException {
        assertThat(metricsTarget).as("the summary names the metrics endpoint").isNotNull();
        Optional<Path> binary = PrometheusServer.binary();
        Prerequisite.require(
                binary.isPresent(),
                "prometheus is not installed (apt-get install -y --no-install-recommends prometheus)");
        try (PrometheusServer prometheus =
                PrometheusServer.start(binary.get(), work, metricsTarget, Optional.empty())) {
            await("two successful scrapes (log: " + prometheus.log() + ")")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> prometheus
                                    .query("sum_over_time(up{job=\"healthstream\"}[1m])")
                                    .path(0)
                                    .path("value")
                                    .path(1)
                                    .asDouble()
                            >= 2);
            GrafanaDashboard.awaitEverySeries(prometheus, GrafanaDashboard.queries(), Duration.ofSeconds(45));
        }
    }

    private static void readAll(Process process, Screen screen) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(screen::read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
