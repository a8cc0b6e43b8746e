package io.healthstream.serde;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry 2.x (in-memory storage) as a child process, for contract tests against a
 * registry we did not write. Its output goes to {@code target/apicurio-<port>.log}.
 */
final class ApicurioRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final Process process;
    private final String baseUrl;
    private final Path log;

    private ApicurioRegistry(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** Starts the runner jar named by the {@code apicurio.jar} system property and waits until it answers. */
    static ApicurioRegistry start() throws IOException, InterruptedException {
        String jarProperty = System.getProperty("apicurio.jar");
        if (jarProperty == null || !Files.isRegularFile(Path.of(jarProperty))) {
            throw new IllegalStateException("apicurio.jar system property must name Apicurio's runner jar "
                    + "(set by failsafe after the pre-integration-test unpack), was: " + jarProperty);
        }
        int port = freePort();
        Path log = Path.of("target", "apicurio-" + port + ".log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dquarkus.http.port=" + port,
                        "-Dquarkus.http.host=127.0.0.1",
                        "-jar",
                        jarProperty)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ApicurioRegistry registry = new ApicurioRegistry(process, "http://127.0.0.1:" + port, log);
        try {
            registry.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** Base URL of Apicurio's Confluent-compatible API. */
    String ccompatUrl() {
        return baseUrl + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.info("Apicurio stopped; its output is in {}", log.toAbsolutePath());
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant start = Instant.now();
        await("Apicurio ready; see " + log)
                .atMost(READY_TIMEOUT)
                .pollInterval(POLL_INTERVAL)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Apicurio exited with " + process.exitValue() + "; see " + log);
                    }
                    try {
                        return http.send(probe, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException notListeningYet) {
                        return false; // expected until Quarkus has bound the port
                    }
                });
        LOG.info(
                "Apicurio ready at {} after {} ms",
                baseUrl,
                Duration.between(start, Instant.now()).toMillis());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
