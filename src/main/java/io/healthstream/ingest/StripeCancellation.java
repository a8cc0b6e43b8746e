package io.healthstream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.avro.CancellationReason;

/**
 * Stripe's {@code cancellation_details} as our cancellation reason. The customer's {@code feedback} says why they
 * left; {@code reason} only says how the subscription ended (requested, payment failed or disputed), so without
 * feedback the reason is OTHER.
 */
final class StripeCancellation {
    private StripeCancellation() {}

    static CancellationReason reason(JsonNode details) {
        return switch (details.path("feedback").asText("")) {
            case "too_expensive" -> CancellationReason.PRICE;
            case "missing_features" -> CancellationReason.MISSING_FEATURES;
            case "switched_service" -> CancellationReason.COMPETITOR;
            case "customer_service" -> CancellationReason.SUPPORT_QUALITY;
            default -> CancellationReason.OTHER;
        };
    }
}
