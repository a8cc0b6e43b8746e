package io.healthstream.topology;

import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.NpsAnswer;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.SubscriptionUpdate;
import io.healthstream.scoring.TicketStage;
import io.healthstream.scoring.TicketUpdate;
import io.healthstream.scoring.UsageActivity;
import org.apache.avro.generic.GenericRecord;

import java.time.Instant;

/**
 * Checks an input record against the contract and turns it into a domain event. A record that
 * breaks the contract throws {@link InvalidEventException} before any state is touched.
 */
public final class EventMapper {
    private EventMapper() {
    }

    /** The account an input record belongs to, or null when it has none. */
    public static String accountId(Object value) {
        return field(value, "account_id");
    }

    public static AccountEvent toDomain(Object value) {
        requireIds(value);
        Object occurredAt = ((GenericRecord) value).get("occurred_at");
        if (!(occurredAt instanceof Instant at) || at.toEpochMilli() < 0) {
            throw new InvalidEventException("invalid-occurred-at", "occurred_at must be a time after 1970, got " + occurredAt);
        }
        if (value instanceof SubscriptionEvent e) {
            requireNotNegative("negative-mrr", "mrr_before", e.getMrrBefore());
            requireNotNegative("negative-mrr", "mrr_after", e.getMrrAfter());
            requireNotNegative("negative-seats", "seats", e.getSeats());
            return new SubscriptionUpdate(e.getEventId(), e.getOccurredAt(), SubscriptionChange.valueOf(e.getType().name()),
                    e.getPlan(), e.getSeats(), e.getMrrBefore(), e.getMrrAfter(), e.getCurrency(), e.getAddon(),
                    e.getCancellationReason() == null ? null : e.getCancellationReason().name());
        }
        if (value instanceof UsageEvent e) {
            requireNotNegative("negative-count", "count", e.getCount());
            return new UsageActivity(e.getEventId(), e.getOccurredAt(), e.getUserId(), e.getAction(), e.getCount(),
                    e.getOnboardingStep());
        }
        if (value instanceof NpsResponse e) {
            if (e.getScore() < 0 || e.getScore() > 10) {
                throw new InvalidEventException("invalid-nps-score",
                        "NPS score must be 0-10, got " + e.getScore() + " (event " + e.getEventId() + ")");
            }
            return new NpsAnswer(e.getEventId(), e.getOccurredAt(), e.getUserId(), e.getScore());
        }
        SupportTicketEvent e = (SupportTicketEvent) value;
        return new TicketUpdate(e.getEventId(), e.getOccurredAt(), e.getTicketId(),
                TicketStage.valueOf(e.getStatus().name()), Priority.valueOf(e.getPriority().name()));
    }

    private static void requireIds(Object value) {
        if (isBlank(accountId(value))) {
            throw new InvalidEventException("missing-account-id", "account_id is missing");
        }
        if (isBlank(field(value, "event_id"))) {
            throw new InvalidEventException("missing-event-id", "event_id is missing (account " + accountId(value) + ")");
        }
    }

    /** Every input contract has event_id and account_id; anything else is not an input record. */
    private static String field(Object value, String name) {
        if (!(value instanceof SubscriptionEvent || value instanceof UsageEvent || value instanceof NpsResponse
                || value instanceof SupportTicketEvent)) {
            throw new InvalidEventException("unknown-record-type", "not an input record: "
                    + (value == null ? "null (tombstone)" : value.getClass().getName()));
        }
        Object field = ((GenericRecord) value).get(name);
        return field == null ? null : field.toString();
    }

    private static void requireNotNegative(String reason, String field, long value) {
        if (value < 0) {
            throw new InvalidEventException(reason, field + " must not be negative, got " + value);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
