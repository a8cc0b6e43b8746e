package io.healthstream.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} package) scraping one target every second, for
 * checking that queries find series. {@link #binary()} is empty when it is not installed.
 */
public final class PrometheusServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The {@code prometheus} executable on the PATH, if any. */
    public static Optional<Path> binary() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts Prometheus scraping {@code target} (host:port) at /metrics, with a bearer token when given. */
    public static PrometheusServer start(Path binary, Path dir, String target, Optional<String> token) {
        int port = FreePort.pick();
        try {
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: healthstream
                        metrics_path: /metrics
                    %s    static_configs:
                          - targets: ["%s"]
                    """.formatted(
                            token.map(t -> "    authorization:\n          credentials: " + t + "\n")
                                    .orElse(""),
                            target));
            Path log = dir.resolve("prometheus.log");
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(process, port, log);
            await("Prometheus ready (log: " + log + ")")
                    .atMost(Duration.ofSeconds(30))
                    .until(server::ready);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** The result vector of an instant query through the HTTP API. */
    public JsonNode query(String promql) {
        HttpCalls.Answer answer =
                HttpCalls.get(url("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
        JsonNode json = answer.json();
        if (answer.status() != 200 || !"success".equals(json.path("status").asText())) {
            throw new AssertionError("query failed: " + promql + " -> " + answer.body());
        }
        return json.path("data").path("result");
    }

    public Path log() {
        return log;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("Prometheus exited; see " + log);
        }
        try {
            return HttpCalls.get(url("/-/ready")).status() == 200;
        } catch (UncheckedIOException notYetListening) {
            return false;
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
