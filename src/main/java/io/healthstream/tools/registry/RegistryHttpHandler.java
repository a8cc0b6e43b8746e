package io.healthstream.tools.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.healthstream.serde.CompatibilityLevel;
import io.healthstream.serde.InMemorySchemaRegistry;
import io.healthstream.serde.RegisteredSchema;
import io.healthstream.serde.RestSchemaRegistryClient;
import io.healthstream.serde.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link InMemorySchemaRegistry} over the Confluent Schema Registry REST API. Query
 * parameters such as {@code normalize}, {@code deleted} or {@code subject} are accepted and ignored.
 */
final class RegistryHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistry registry;

    RegistryHttpHandler(InMemorySchemaRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            response = route(
                    exchange.getRequestMethod(),
                    segments(exchange.getRequestURI().getRawPath()),
                    exchange.getRequestBody());
        } catch (SchemaRegistryException e) {
            response = Response.error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            // Details stay in our log; clients get the code only.
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = Response.error(500, SchemaRegistryException.INTERNAL_ERROR, "Internal server error");
        }
        byte[] body = JSON.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        } finally {
            exchange.close();
        }
    }

    private Response route(String method, List<String> path, InputStream body) throws IOException {
        String resource = path.isEmpty() ? "" : path.get(0);
        int depth = path.size();
        if (depth == 0) {
            return Response.ok(JSON.createObjectNode());
        }
        if (resource.equals("subjects") && depth == 1) {
            requireMethod(method, "GET");
            return Response.ok(JSON.valueToTree(registry.subjects()));
        }
        if (resource.equals("subjects") && depth == 2) {
            requireMethod(method, "POST");
            return Response.ok(registeredSchemaJson(registry.lookup(path.get(1), schemaOf(body))));
        }
        if (resource.equals("subjects") && depth == 3 && path.get(2).equals("versions")) {
            if (method.equals("POST")) {
                int id = registry.register(path.get(1), schemaOf(body));
                return Response.ok(JSON.createObjectNode().put("id", id));
            }
            requireMethod(method, "GET");
            return Response.ok(JSON.valueToTree(registry.versions(path.get(1))));
        }
        if (resource.equals("subjects") && depth == 4 && path.get(2).equals("versions")) {
            requireMethod(method, "GET");
            return Response.ok(registeredSchemaJson(registry.version(path.get(1), path.get(3))));
        }
        if (resource.equals("schemas") && depth == 3 && path.get(1).equals("ids")) {
            requireMethod(method, "GET");
            return Response.ok(JSON.createObjectNode()
                    .put("schema", registry.schemaById(schemaId(path.get(2))).toString()));
        }
        if (resource.equals("compatibility")
                && depth == 5
                && path.get(1).equals("subjects")
                && path.get(3).equals("versions")) {
            requireMethod(method, "POST");
            boolean compatible = registry.isCompatible(path.get(2), path.get(4), schemaOf(body));
            return Response.ok(JSON.createObjectNode().put("is_compatible", compatible));
        }
        if (resource.equals("config") && depth <= 2) {
            return config(method, depth == 2 ? path.get(1) : null, body);
        }
        throw new SchemaRegistryException(404, 404, "HTTP 404 Not Found");
    }

    /** GET answers {@code compatibilityLevel}, PUT echoes {@code compatibility}, as Confluent does. */
    private Response config(String method, String subject, InputStream body) throws IOException {
        if (method.equals("PUT")) {
            CompatibilityLevel level =
                    CompatibilityLevel.parse(json(body).path("compatibility").asText(null));
            if (subject == null) {
                registry.setDefaultCompatibility(level);
            } else {
                registry.setCompatibility(subject, level);
            }
            return Response.ok(JSON.createObjectNode().put("compatibility", level.name()));
        }
        requireMethod(method, "GET");
        CompatibilityLevel level = subject == null ? registry.defaultCompatibility() : registry.compatibility(subject);
        return Response.ok(JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    /** The Avro schema of a register/lookup/compatibility request; AVRO is the only schema type we speak. */
    private static Schema schemaOf(InputStream body) throws IOException {
        JsonNode request = json(body);
        String schemaType = request.path("schemaType").asText("AVRO");
        if (!schemaType.toUpperCase(Locale.ROOT).equals("AVRO")) {
            throw SchemaRegistryException.invalidSchema("schemaType " + schemaType + " is not supported; only AVRO");
        }
        if (!request.path("references").isMissingNode()
                && !request.path("references").isEmpty()) {
            throw SchemaRegistryException.invalidSchema("schema references are not supported");
        }
        if (!request.path("schema").isTextual()) {
            throw SchemaRegistryException.invalidSchema("the request has no 'schema' string");
        }
        try {
            return new Schema.Parser().parse(request.path("schema").asText());
        } catch (SchemaParseException e) {
            throw SchemaRegistryException.invalidSchema(e.getMessage());
        }
    }

    private static JsonNode json(InputStream body) throws IOException {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(400, 400, "Malformed JSON body: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode registeredSchemaJson(RegisteredSchema registered) {
        return JSON.createObjectNode()
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("id", registered.id())
                .put("schema", registered.schema().toString());
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.schemaNotFound("'" + text + "' is not a schema id");
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new SchemaRegistryException(405, 405, "HTTP 405 Method Not Allowed");
        }
    }

    /** Path segments, each decoded on its own so an encoded '/' in a subject stays in the subject. */
    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }

    private record Response(int status, JsonNode body) {
        static Response ok(JsonNode body) {
            return new Response(200, body);
        }

        static Response error(int status, int errorCode, String message) {
            return new Response(
                    status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
        }
    }
}
