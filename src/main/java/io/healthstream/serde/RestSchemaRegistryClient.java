package io.healthstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to a Confluent-compatible schema registry over its REST API with the JDK HTTP client.
 * Connection errors and 5xx answers are retried with exponential backoff; 4xx answers are not.
 * Every error names the method, URL and status, plus Confluent's error_code and message if sent.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Optional<String> authorization;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;

    public RestSchemaRegistryClient(SchemaRegistryConfig config) {
        this.baseUrl = config.url().replaceAll("/+$", "");
        this.http =
                HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
        this.authorization = config.basicAuth()
                .map(userInfo -> "Basic "
                        + Base64.getEncoder().encodeToString(userInfo.value().getBytes(StandardCharsets.UTF_8)));
        this.requestTimeout = config.requestTimeout();
        this.maxRetries = config.maxRetries();
        this.retryBackoff = config.retryBackoff();
    }

    @Override
    public int register(String subject, Schema schema) {
        return send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema))
                .path("id")
                .asInt();
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registeredSchema(send("POST", "/subjects/" + encode(subject), schemaBody(schema)));
    }

    @Override
    public Schema schemaById(int id) {
        return parse(send("GET", "/schemas/ids/" + id, null).path("schema").asText());
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registeredSchema(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
                .path("is_compatible")
                .asBoolean();
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        send("PUT", "/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level.name()));
    }

    private JsonNode send(String method, String path, JsonNode body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest request = request(method, uri, body);
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 300) {
                    return successBody(method, uri, response.body());
                }
                SchemaRegistryException failure = httpFailure(method, uri, response);
                if (response.statusCode() < 500 || attempt >= maxRetries) {
                    throw failure;
                }
                LOG.warn("{}; retrying", failure.getMessage());
            } catch (IOException e) {
                if (attempt >= maxRetries) {
                    throw new SchemaRegistryException(
                            0,
                            SchemaRegistryException.NO_ERROR_CODE,
                            method + " " + uri + " failed after " + (attempt + 1) + " attempts: " + e,
                            e);
                }
                LOG.warn("{} {} failed ({}); retrying", method, uri, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(
                        0, SchemaRegistryException.NO_ERROR_CODE, method + " " + uri + " was interrupted", e);
            }
            pause(retryBackoff.multipliedBy(1L << Math.min(attempt, 16)), method, uri);
        }
    }

    private HttpRequest request(String method, URI uri, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE)
                .header("Content-Type", CONTENT_TYPE)
                .method(method, publisher);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private static SchemaRegistryException httpFailure(String method, URI uri, HttpResponse<String> response) {
        StringBuilder message = new StringBuilder()
                .append(method)
                .append(' ')
                .append(uri)
                .append(" returned HTTP ")
                .append(response.statusCode());
        int errorCode = SchemaRegistryException.NO_ERROR_CODE;
        JsonNode error = readQuietly(response.body());
        if (error.has("error_code")) {
            errorCode = error.path("error_code").asInt();
            message.append(" (error_code ").append(errorCode).append(')');
        }
        if (error.hasNonNull("message")) {
            message.append(": ").append(error.path("message").asText());
        }
        return new SchemaRegistryException(response.statusCode(), errorCode, message.toString());
    }

    private static JsonNode successBody(String method, URI uri, String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    200,
                    SchemaRegistryException.NO_ERROR_CODE,
                    method + " " + uri + " answered with a body that is not JSON: " + e.getMessage(),
                    e);
        }
    }

    private static JsonNode readQuietly(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            // Proxies and load balancers answer with HTML; the status line then says enough.
            return JSON.createObjectNode();
        }
    }

    private static void pause(Duration backoff, String method, URI uri) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(
                    0,
                    SchemaRegistryException.NO_ERROR_CODE,
                    method + " " + uri + " was interrupted while waiting to retry",
                    e);
        }
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static RegisteredSchema registeredSchema(JsonNode node) {
        return new RegisteredSchema(
                node.path("subject").asText(),
                node.path("version").asInt(),
                node.path("id").asInt(),
                parse(node.path("schema").asText()));
    }

    private static Schema parse(String schemaText) {
        return new Schema.Parser().parse(schemaText);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
