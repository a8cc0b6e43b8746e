package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client against a scripted HTTP server: retries, auth, error messages. */
class RestSchemaRegistryClientTest {
    private static final Schema SCHEMA =
            SchemaBuilder.record("Ping").fields().requiredString("id").endRecord();

    private final HttpServer stub = startStub();
    private final List<HttpExchange> requests = new CopyOnWriteArrayList<>();
    private final List<String> requestBodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile String failureBody = "";

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilSuccess() {
        failuresLeft.set(2);

        int id = client(Map.of()).register("pings-value", SCHEMA);

        assertThat(id).isEqualTo(21);
        assertThat(requests).hasSize(3);
    }

    @Test
    void clientErrorsAreNotRetriedAndNameUrlStatusAndConfluentError() {
        failuresLeft.set(5);
        failureStatus = 404;
        failureBody = "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}";

        assertThatThrownBy(() -> client(Map.of()).schemaById(7))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.isNotFound()).isTrue();
                })
                .hasMessage("GET " + baseUrl() + "/schemas/ids/7 returned HTTP 404 (error_code 40403): "
                        + "Schema 7 not found");
        assertThat(requests).hasSize(1);
    }

    @Test
    void lastServerErrorIsReportedWhenRetriesRunOut() {
        failuresLeft.set(10);
        failureBody = "<html>Bad gateway</html>";

        assertThatThrownBy(() ->
                        client(Map.of(SchemaRegistryConfig.MAX_RETRIES, 1)).latest("pings-value"))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessage("GET " + baseUrl() + "/subjects/pings-value/versions/latest returned HTTP 503");
        assertThat(requests).hasSize(2);
    }

    @Test
    void connectionRefusedIsRetriedThenNamesTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(SchemaRegistryConfig.from(Map.of(
                SchemaRegistryConfig.URL,
                url,
                SchemaRegistryConfig.MAX_RETRIES,
                2,
                SchemaRegistryConfig.RETRY_BACKOFF_MS,
                1)));

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("GET " + url + "/schemas/ids/1 failed after 3 attempts");
    }

    @Test
    void sendsBasicAuthAndConfluentContentType() {
        client(Map.of(SchemaRegistryConfig.BASIC_AUTH_USER_INFO, "svc:secret")).register("pings-value", SCHEMA);

        HttpExchange request = requests.get(0);
        assertThat(request.getRequestHeaders().getFirst("Authorization")).isEqualTo("Basic c3ZjOnNlY3JldA==");
        assertThat(request.getRequestHeaders().getFirst("Content-Type"))
                .isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.getRequestMethod()).isEqualTo("POST");
        assertThat(request.getRequestURI().getPath()).isEqualTo("/subjects/pings-value/versions");
        assertThat(requestBodies.get(0)).isEqualTo("{\"schema\":" + quoted(SCHEMA.toString()) + "}");
    }

    @Test
    void subjectIsPercentEncodedInThePath() {
        client(Map.of()).register("odd subject/value", SCHEMA);

        assertThat(requests.get(0).getRequestURI().getRawPath()).isEqualTo("/subjects/odd%20subject%2Fvalue/versions");
    }

    private RestSchemaRegistryClient client(Map<String, Object> overrides) {
        Map<String, Object> configs =
                new HashMap<>(Map.of(SchemaRegistryConfig.URL, baseUrl(), SchemaRegistryConfig.RETRY_BACKOFF_MS, 1));
        configs.putAll(overrides);
        return new RestSchemaRegistryClient(SchemaRegistryConfig.from(configs));
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    private HttpServer startStub() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails while failures are left, else answers every request with {"id":21}. */
    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange);
        requestBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        boolean fail = failuresLeft.getAndDecrement() > 0;
        byte[] body = (fail ? failureBody : "{\"id\":21}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(fail ? failureStatus : 200, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
