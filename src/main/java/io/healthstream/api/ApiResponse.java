package io.healthstream.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.query.ApiJson;
import io.healthstream.query.EngineHealth;
import io.healthstream.query.Instances;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: status, content type, body and extra headers. */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = ApiJson.MAPPER;

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, Object value) {
        try {
            return new ApiResponse(status, JSON, MAPPER.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    static ApiResponse error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        return json(status, body);
    }

    static ApiResponse text(String contentType, String body) {
        return new ApiResponse(200, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more);
    }

    /** Another instance's answer, passed on as it came. */
    static ApiResponse passedOn(Instances.Answer answer) {
        return new ApiResponse(answer.status(), answer.contentType(), answer.body(), Map.of());
    }

    /** A health report: 200 when up, else 503; the body says the status, the state, for readiness the stores and what holds it back. */
    static ApiResponse health(EngineHealth.Report report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.up() ? "UP" : "DOWN");
        body.put("state", report.state());
        if (report.stores() != null) {
            body.put("stores", report.stores());
        }
        if (report.reason() != null) {
            body.put("reason", report.reason());
        }
        return json(report.up() ? 200 : 503, body);
    }
}
