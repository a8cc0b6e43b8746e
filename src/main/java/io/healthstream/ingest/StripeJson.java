package io.healthstream.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the fields of Stripe's objects; a missing one is an invalid payload naming the field. */
final class StripeJson {
    private StripeJson() {}

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidPayloadException("missing or empty field '" + field + "'");
        }
        return value.asText();
    }

    /** An id field that Stripe sends as a string, or as the object when expanded. */
    static String id(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isObject() ? text(value, "id") : text(node, field);
    }
}
