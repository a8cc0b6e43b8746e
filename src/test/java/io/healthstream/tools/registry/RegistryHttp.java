package io.healthstream.tools.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.serde.RestSchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP calls to a registry, for tests that check status codes and bodies the client hides. */
final class RegistryHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RegistryHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, String body) {
        return send("POST", path, body);
    }

    Reply put(String path, String body) {
        return send("PUT", path, body);
    }

    /** A register/lookup request body for an Avro schema, optionally with {@code schemaType}. */
    static String schemaRequest(String schemaJson, String schemaType) {
        var body = JSON.createObjectNode().put("schema", schemaJson);
        if (schemaType != null) {
            body.put("schemaType", schemaType);
        }
        return body.toString();
    }

    private Reply send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    JSON.readTree(response.body()),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Status, parsed JSON body and content type of one answer. */
    record Reply(int status, JsonNode json, String contentType) {
        int errorCode() {
            return json.path("error_code").asInt();
        }
    }
}
