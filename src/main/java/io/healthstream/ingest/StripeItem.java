package io.healthstream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * One subscription item (or subscription invoice line) of Stripe: the price it bills, named by the price's
 * {@code lookup_key}, else its {@code nickname}, else its product id, else its id; its quantity; and its MRR.
 * A metered price ({@code recurring.usage_type = metered}) and a tiered one (no {@code unit_amount}) add 0 to
 * MRR: what they bill depends on usage the subscription does not know until the invoice.
 */
record StripeItem(
        String priceId, String name, int quantity, BigDecimal monthlyUnitAmount, String currency, boolean metered) {
    /** The item's MRR: its monthly unit amount times its quantity, rounded half up to whole minor units. */
    long mrr() {
        return monthlyUnitAmount
                .multiply(BigDecimal.valueOf(quantity))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    StripeItem withQuantity(int newQuantity) {
        return new StripeItem(priceId, name, newQuantity, monthlyUnitAmount, currency, metered);
    }

    static StripeItem of(JsonNode item) {
        JsonNode price = item.path("price");
        if (!price.isObject()) {
            throw new InvalidPayloadException("a subscription item has no price object");
        }
        String priceId = StripeJson.text(price, "id");
        int quantity =
                item.path("quantity").isIntegralNumber() ? item.path("quantity").intValue() : 1;
        if (quantity < 0) {
            throw new InvalidPayloadException("item of price " + priceId + " has a negative quantity");
        }
        JsonNode recurring = price.path("recurring");
        boolean metered = "metered".equals(recurring.path("usage_type").asText());
        return new StripeItem(
                priceId,
                name(price),
                quantity,
                metered ? BigDecimal.ZERO : monthlyUnitAmount(price, recurring),
                StripeJson.text(price, "currency").toUpperCase(Locale.ROOT),
                metered);
    }

    private static String name(JsonNode price) {
        for (String field : new String[] {"lookup_key", "nickname", "product"}) {
            if (price.path(field).isTextual() && !price.path(field).asText().isBlank()) {
                return price.path(field).asText();
            }
        }
        return price.path("product").path("id").asText(price.path("id").asText());
    }

    private static BigDecimal monthlyUnitAmount(JsonNode price, JsonNode recurring) {
        BigDecimal unit = price.path("unit_amount_decimal").isTextual()
                ? new BigDecimal(price.path("unit_amount_decimal").asText())
                : price.path("unit_amount").isNumber()
                        ? price.path("unit_amount").decimalValue()
                        : BigDecimal.ZERO;
        if (!recurring.isObject()) {
            throw new InvalidPayloadException("price " + price.path("id").asText() + " is not recurring");
        }
        return MonthlyAmount.of(
                unit,
                recurring.path("interval").asText(),
                recurring.path("interval_count").asInt(1));
    }
}
