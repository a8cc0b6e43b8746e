package io.healthstream.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol with the JDK's own WebSocket:
 * one page, JavaScript evaluated in it, screenshots, and every console error, uncaught exception and failed load the
 * page reports.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, URI page) {
        this.process = process;
        this.socket = HTTP.newWebSocketBuilder()
                .buildAsync(page, new Listener())
                .orTimeout(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
        send("Runtime.enable", Map.of());
        send("Log.enable", Map.of());
        send("Page.enable", Map.of());
    }

    /** The {@code chromium} executable on the PATH, if any. */
    public static Optional<Path> binary() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "chromium"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts Chromium with a fresh profile in {@code profile} and connects to its first page. */
    public static HeadlessChromium start(Path binary, Path profile) {
        try {
            Files.createDirectories(profile);
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--headless",
                            // Tests run as root in containers, where Chromium's sandbox cannot start.
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--no-first-run",
                            "--no-default-browser-check",
                            "--disable-extensions",
                            "--remote-debugging-port=0",
                            "--user-data-dir=" + profile,
                            "about:blank")
                    .redirectErrorStream(true)
                    .redirectOutput(profile.resolve("chromium.log").toFile())
                    .start();
            Path portFile = profile.resolve("DevToolsActivePort");
            await("Chromium's DevTools port in " + portFile)
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(portFile)
                            && !Files.readAllLines(portFile).isEmpty());
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            return new HeadlessChromium(process, pageSocket(port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    private static URI pageSocket(int port) throws IOException {
        try {
            HttpResponse<String> targets = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(targets.body())) {
                if ("page".equals(target.path("type").asText())) {
                    return URI.create(target.path("webSocketDebuggerUrl").asText());
                }
            }
            throw new IllegalStateException("Chromium lists no page: " + targets.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Sets the window's size; {@code mobile} emulates a phone's screen (viewport meta tag, touch). */
    public void viewport(int width, int height, boolean mobile) {
        send(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Opens {@code url} and waits until its document has loaded. */
    public void open(String url) {
        send("Page.navigate", Map.of("url", url));
        waitUntil(
                "document.readyState === 'complete' && location.href === " + JSON.valueToTree(url),
                Duration.ofSeconds(30));
    }

    /** The value of {@code expression} (a promise is awaited), as JSON. */
    public JsonNode evaluate(String expression) {
        JsonNode result =
                send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("evaluating " + expression + ": " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code condition} is true in the page. */
    public void waitUntil(String condition, Duration timeout) {
        await(condition)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> evaluate("Boolean(" + condition + ")").asBoolean());
    }

    /** A PNG of the whole page (beyond the window), written to {@code file}. */
    public void screenshot(Path file) {
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Console errors, uncaught exceptions and failed loads the page reported so far. */
    public List<String> errors() {
        return new ArrayList<>(errors);
    }

    private JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode response = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new AssertionError(method + " failed: " + response.path("error"));
            }
            return response.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no answer to " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                Optional.ofNullable(pending.get(message.path("id").asInt())).ifPresent(f -> f.complete(message));
                return;
            }
            JsonNode params = message.path("params");
            switch (message.path("method").asText()) {
                case "Runtime.consoleAPICalled" -> {
                    if (List.of("error", "assert").contains(params.path("type").asText())) {
                        errors.add("console." + params.path("type").asText() + ": " + params.path("args"));
                    }
                }
                case "Runtime.exceptionThrown" -> errors.add("uncaught: " + params.path("exceptionDetails"));
                case "Log.entryAdded" -> {
                    if ("error".equals(params.path("entry").path("level").asText())) {
                        errors.add("log: " + params.path("entry").path("text").asText() + " "
                                + params.path("entry").path("url").asText());
                    }
                }
                default -> {
                    // other events are not needed
                }
            }
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + text);
        }
    }

    /** Puts the fragments of each message together (large ones, like screenshots, arrive in parts). */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                receive(message.toString());
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        socket.abort();
        // Chromium runs helper processes (zygote, renderer, GPU): end them all, not just the browser.
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }
}
