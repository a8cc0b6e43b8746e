package io.healthstream.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * {@code healthstream run --config FILE} as a separate JVM, as an operator runs it: it can be killed with
 * SIGKILL (no shutdown hook, no commit, no leave-group) or stopped with SIGTERM. It logs with the app's own
 * log4j2 configuration (not the tests') into a file, so a test can count and grep what an operator would see.
 */
public final class EngineProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private EngineProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code run --config config} with {@code environment} added to this JVM's; {@code port} is its
     * {@code http.port}. Output is appended to {@code log}.
     */
    public static EngineProcess start(String name, Path config, int port, Path log, Map<String, String> environment) {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + appLogConfig(),
                "-cp",
                classpath(),
                "io.healthstream.app.Main",
                "run",
                "--config",
                config.toString());
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new EngineProcess(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start engine " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The Kafka Streams state its liveness endpoint reports, empty while it does not answer. */
    public Optional<String> streamsState() {
        try {
            JsonNode live = HttpCalls.get(baseUrl() + "/health/live").json();
            return Optional.of(live.path("state").asText());
        } catch (UncheckedIOException | AssertionError e) {
            return Optional.empty();
        }
    }

    public void awaitRunning(Duration timeout) {
        Awaitility.await(name + " RUNNING")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
                    }
                    return streamsState().filter("RUNNING"::equals).isPresent();
                });
    }

    /** kill -9: the JVM ends at once, without closing Kafka Streams, committing or leaving the group. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every line it has logged so far. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String tail() {
        List<String> lines = logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM, as a deployment stops it; killed if it does not end in time. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    private static String appLogConfig() {
        return Path.of("src", "main", "resources", "log4j2.xml")
                .toAbsolutePath()
                .toString();
    }

    private static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
