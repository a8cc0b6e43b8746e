package io.healthstream.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Plain calls against a test's HTTP endpoints, with or without a bearer token. */
public final class HttpCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response with its body as text and, when it is JSON, parsed. */
    public record Answer(int status, String contentType, String body, HttpHeaders headers) {
        /** The value of response header {@code name}, if it was sent. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private HttpCalls() {}

    public static Answer get(String url, Optional<String> token) {
        return send("GET", url, token);
    }

    public static Answer get(String url) {
        return get(url, Optional.empty());
    }

    /** A request without a body, of any method. */
    public static Answer send(String method, String url, Optional<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .method(method, HttpRequest.BodyPublishers.noBody());
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return call(method, url, request);
    }

    /** A JSON {@code body} sent with {@code method} (POST, DELETE, ...). */
    public static Answer send(String method, String url, Optional<String> token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return call(method, url, request);
    }

    /** A POST of {@code body} with {@code headers}. */
    public static Answer post(String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return call("POST", url, request);
    }

    private static Answer call(String method, String url, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + method + " " + url, e);
        }
    }
}
