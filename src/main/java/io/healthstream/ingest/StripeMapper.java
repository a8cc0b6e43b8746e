package io.healthstream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.topology.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stripe webhook events as subscription events (README "Ingest: events over HTTP" has the table). The event id is
 * the Stripe event id (with a suffix per step when one update changes several things), so a webhook Stripe sends
 * again produces the same ids and the engine counts it once. The account is the Stripe customer, or the value of
 * a metadata key when one is configured and set. Other event types are ignored.
 */
final class StripeMapper {
    /** Statuses of a subscription that is not paid for yet, or never was. */
    private static final Set<String> NOT_STARTED = Set.of("incomplete", "incomplete_expired");

    private final Optional<String> accountMetadataKey;

    StripeMapper(Optional<String> accountMetadataKey) {
        this.accountMetadataKey = accountMetadataKey;
    }

    IngestBatch map(JsonNode event) {
        String type = StripeJson.text(event, "type");
        JsonNode object = event.path("data").path("object");
        if (!object.isObject()) {
            throw new InvalidPayloadException("missing data.object");
        }
        if (!event.path("created").isIntegralNumber()) {
            throw new InvalidPayloadException("missing field 'created' (unix seconds)");
        }
        Source source = new Source(
                StripeJson.text(event, "id"),
                Instant.ofEpochSecond(event.path("created").asLong()));
        return switch (type) {
            case "customer.subscription.created" -> created(source, object);
            case "customer.subscription.updated" ->
                updated(source, object, event.path("data").path("previous_attributes"));
            case "customer.subscription.deleted" -> deleted(source, object);
            case "invoice.paid" -> payment(source, object, SubscriptionEventType.PAYMENT_SUCCEEDED);
            case "invoice.payment_failed" -> payment(source, object, SubscriptionEventType.PAYMENT_FAILED);
            default -> IngestBatch.ignoredOne();
        };
    }

    private IngestBatch created(Source source, JsonNode subscription) {
        String status = subscription.path("status").asText();
        if (NOT_STARTED.contains(status)) {
            return IngestBatch.ignoredOne();
        }
        StripeItems items = items(subscription.path("items"));
        // A trial brings no revenue yet: its MRR counts from the conversion.
        boolean trial = "trialing".equals(status);
        return one(source.event(
                account(subscription, subscription.path("metadata")),
                new StripeChange(
                        trial ? SubscriptionEventType.TRIAL_STARTED : SubscriptionEventType.SUBSCRIPTION_STARTED,
                        items,
                        0,
                        trial ? 0 : items.mrr(),
                        null,
                        "")));
    }

    private IngestBatch updated(Source source, JsonNode subscription, JsonNode previous) {
        String account = account(subscription, subscription.path("metadata"));
        StripeItems now = items(subscription.path("items"));
        String status = subscription.path("status").asText();
        String previousStatus = previous.path("status").asText(status);
        if (NOT_STARTED.contains(status)) {
            return IngestBatch.ignoredOne();
        }
        if (!previousStatus.equals(status)
                && (previousStatus.equals("trialing") || NOT_STARTED.contains(previousStatus))) {
            SubscriptionEventType type = previousStatus.equals("trialing")
                    ? SubscriptionEventType.TRIAL_CONVERTED
                    : SubscriptionEventType.SUBSCRIPTION_STARTED;
            return one(source.event(account, new StripeChange(type, now, 0, now.mrr(), null, "")));
        }
        StripeItems before = previous.has("items") ? items(previous.path("items")) : now;
        List<IngestEvent> events = new ArrayList<>();
        for (StripeChange change : StripeUpdate.changes(before, now)) {
            events.add(source.event(account, change));
        }
        return events.isEmpty() ? IngestBatch.ignoredOne() : new IngestBatch(events, 0);
    }

    private IngestBatch deleted(Source source, JsonNode subscription) {
        StripeItems items = items(subscription.path("items"));
        CancellationReason reason = StripeCancellation.reason(subscription.path("cancellation_details"));
        SubscriptionEvent value = source.record(
                        account(subscription, subscription.path("metadata")),
                        new StripeChange(SubscriptionEventType.CANCELLED, items, items.mrr(), 0, null, ""))
                .setCancellationReason(reason)
                .build();
        return one(IngestEvent.of(Topics.SUBSCRIPTION_EVENTS, value.getAccountId(), value.getOccurredAt(), value));
    }

    /**
     * A payment of a subscription invoice: plan, seats and MRR from its subscription lines (prorations left out).
     * An invoice without such lines (a one-off invoice) is ignored.
     */
    private IngestBatch payment(Source source, JsonNode invoice, SubscriptionEventType type) {
        List<StripeItem> lines = new ArrayList<>();
        for (JsonNode line : invoice.path("lines").path("data")) {
            if ("subscription".equals(line.path("type").asText())
                    && !line.path("proration").asBoolean(false)
                    && line.path("price").isObject()) {
                lines.add(StripeItem.of(line));
            }
        }
        if (lines.isEmpty()) {
            return IngestBatch.ignoredOne();
        }
        StripeItems items = StripeItems.of(lines);
        JsonNode details = invoice.has("subscription_details")
                ? invoice.path("subscription_details")
                : invoice.path("parent").path("subscription_details");
        return one(source.event(
                account(invoice, details.path("metadata")),
                new StripeChange(type, items, items.mrr(), items.mrr(), null, "")));
    }

    private String account(JsonNode object, JsonNode metadata) {
        return accountMetadataKey
                .map(key -> metadata.path(key))
                .filter(value -> value.isTextual() && !value.asText().isBlank())
                .map(JsonNode::asText)
                .orElseGet(() -> StripeJson.id(object, "customer"));
    }

    private static StripeItems items(JsonNode items) {
        List<StripeItem> list = new ArrayList<>();
        for (JsonNode item : items.path("data")) {
            list.add(StripeItem.of(item));
        }
        return StripeItems.of(list);
    }

    private static IngestBatch one(IngestEvent event) {
        return new IngestBatch(List.of(event), 0);
    }

    /** The Stripe event the records derive from: its id and when it was created. */
    private record Source(String eventId, Instant at) {
        SubscriptionEvent.Builder record(String account, StripeChange change) {
            return SubscriptionEvent.newBuilder()
                    .setEventId(eventId + change.idSuffix())
                    .setAccountId(account)
                    .setOccurredAt(at)
                    .setType(change.type())
                    .setPlan(change.after().plan().name())
                    .setSeats(change.after().seats())
                    .setMrrBefore(change.mrrBefore())
                    .setMrrAfter(change.mrrAfter())
                    .setCurrency(change.after().plan().currency())
                    .setAddon(change.addon());
        }

        IngestEvent event(String account, StripeChange change) {
            return IngestEvent.of(
                    Topics.SUBSCRIPTION_EVENTS,
                    account,
                    at,
                    record(account, change).build());
        }
    }
}
