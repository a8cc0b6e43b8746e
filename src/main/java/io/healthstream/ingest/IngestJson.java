package io.healthstream.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The ingest server's JSON: request bodies read strictly (one value per body), answers written. */
final class IngestJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private IngestJson() {}

    /** @throws InvalidPayloadException when {@code body} is not one JSON value */
    static JsonNode read(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidPayloadException("unreadable body: " + e.getMessage());
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }
}
