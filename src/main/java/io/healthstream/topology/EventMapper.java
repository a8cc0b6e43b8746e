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
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;

/**
 * Checks an input record against the contract and turns it into a domain event. A record that
 * breaks the contract throws {@link InvalidEventException}, naming the field, before any state is
 * touched; the message never repeats an oversized value.
 */
public final class EventMapper {
    /** How much of an offending value an error message shows. */
    private static final int SHOWN = 40;

    private final InputLimits limits;

    public EventMapper(InputLimits limits) {
        this.limits = limits;
    }

    /** The account an input record belongs to, or null when it has none. */
    public static String accountId(Object value) {
        return isInput(value) ? text((GenericRecord) value, "account_id") : null;
    }

    /**
     * The domain event of {@code value}, read from the partition under {@code key}, whose extracted
     * timestamp is {@code timestamp} (the occurred_at unless {@link EventTimeExtractor} refused it).
     */
    public AccountEvent toDomain(String key, Object value, long timestamp) {
        if (!isInput(value)) {
            throw new InvalidEventException(
                    "unknown-record-type",
                    "not an input record: "
                            + (value == null
                                    ? "null (tombstone)"
                                    : value.getClass().getName()));
        }
        GenericRecord record = (GenericRecord) value;
        String accountId = requireId(record, "account_id", "missing-account-id");
        String eventId = requireId(record, "event_id", "missing-event-id");
        if (!accountId.equals(key)) {
            throw new InvalidEventException(
                    "key-mismatch",
                    "record key " + shown(key) + " is not the account_id "
                            + shown(accountId) + " (event " + shown(eventId)
                            + "): produce with the account id as the key, or "
                            + "the account's state splits across partitions");
        }
        Instant occurredAt = (Instant) record.get("occurred_at");
        if (occurredAt.toEpochMilli() < 0) {
            throw new InvalidEventException(
                    "invalid-occurred-at",
                    "occurred_at must be a time after 1970, got " + occurredAt + " (event " + eventId + ")");
        }
        if (timestamp != occurredAt.toEpochMilli()) {
            throw new InvalidEventException(
                    "occurred-at-in-future",
                    "occurred_at " + occurredAt + " is more than " + limits.maxFutureSkew()
                            + " ahead of the wall clock (input.max-future-skew; event " + eventId + ")");
        }
        if (value instanceof SubscriptionEvent e) {
            requireNotNegative("negative-mrr", "mrr_before", e.getMrrBefore());
            requireNotNegative("negative-mrr", "mrr_after", e.getMrrAfter());
            requireNotNegative("negative-seats", "seats", e.getSeats());
            return new SubscriptionUpdate(
                    eventId,
                    occurredAt,
                    SubscriptionChange.valueOf(e.getType().name()),
                    optionalId(record, "plan"),
                    e.getSeats(),
                    e.getMrrBefore(),
                    e.getMrrAfter(),
                    optionalId(record, "currency"),
                    optionalId(record, "addon"),
                    e.getCancellationReason() == null
                            ? null
                            : e.getCancellationReason().name(),
                    optionalId(record, "segment"));
        }
        if (value instanceof UsageEvent e) {
            requireNotNegative("negative-count", "count", e.getCount());
            return new UsageActivity(
                    eventId,
                    occurredAt,
                    optionalId(record, "user_id"),
                    optionalId(record, "action"),
                    e.getCount(),
                    optionalId(record, "onboarding_step"));
        }
        if (value instanceof NpsResponse e) {
            if (e.getScore() < 0 || e.getScore() > 10) {
                throw new InvalidEventException(
                        "invalid-nps-score",
                        "NPS score must be 0-10, got " + e.getScore() + " (event " + eventId + ")");
            }
            return new NpsAnswer(eventId, occurredAt, optionalId(record, "user_id"), e.getScore());
        }
        SupportTicketEvent e = (SupportTicketEvent) value;
        return new TicketUpdate(
                eventId,
                occurredAt,
                optionalId(record, "ticket_id"),
                TicketStage.valueOf(e.getStatus().name()),
                Priority.valueOf(e.getPriority().name()));
    }

    private static boolean isInput(Object value) {
        return value instanceof SubscriptionEvent
                || value instanceof UsageEvent
                || value instanceof NpsResponse
                || value instanceof SupportTicketEvent;
    }

    private String requireId(GenericRecord record, String field, String reason) {
        String id = text(record, field);
        if (id == null || id.isBlank()) {
            throw new InvalidEventException(
                    reason,
                    field + " is missing"
                            + (field.equals("account_id") ? "" : " (account " + shown(accountId(record)) + ")"));
        }
        return checkedLength(field, id);
    }

    /** An id-like field (plan, user, action, ...), which may be null where the contract allows. */
    private String optionalId(GenericRecord record, String field) {
        String id = text(record, field);
        return id == null ? null : checkedLength(field, id);
    }

    private String checkedLength(String field, String id) {
        if (id.length() > limits.maxIdLength()) {
            throw new InvalidEventException(
                    "id-too-long",
                    field + " is " + id.length() + " characters long, at most " + limits.maxIdLength()
                            + " are allowed (input.max-id-length): " + shown(id));
        }
        return id;
    }

    private static String text(GenericRecord record, String field) {
        Object value = record.get(field);
        return value == null ? null : value.toString();
    }

    private static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + (value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "...") + "'";
    }

    private static void requireNotNegative(String reason, String field, long value) {
        if (value < 0) {
            throw new InvalidEventException(reason, field + " must not be negative, got " + value);
        }
    }
}
