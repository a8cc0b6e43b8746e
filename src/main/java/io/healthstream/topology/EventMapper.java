package io.healthstream.topology;

import io.healthstream.avro.HealthOverride;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.OverrideAction;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.CsmOverride;
import io.healthstream.scoring.NpsAnswer;
import io.healthstream.scoring.OverrideCommand;
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
        String eventId = requireId(record, EventFields.id(record.getSchema()), "missing-event-id");
        if (!accountId.equals(key)) {
            throw new InvalidEventException(
                    "key-mismatch",
                    "record key " + shown(key) + " is not the account_id "
                            + shown(accountId) + " (event " + shown(eventId)
                            + "): produce with the account id as the key, or "
                            + "the account's state splits across partitions");
        }
        String timeField = EventFields.time(record.getSchema());
        Instant occurredAt = (Instant) record.get(timeField);
        if (occurredAt.toEpochMilli() < 0) {
            throw new InvalidEventException(
                    "invalid-occurred-at",
                    timeField + " must be a time after 1970, got " + occurredAt + " (event " + eventId + ")");
        }
        if (timestamp != occurredAt.toEpochMilli()) {
            throw new InvalidEventException(
                    "occurred-at-in-future",
                    timeField + " " + occurredAt + " is more than " + limits.maxFutureSkew()
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
        if (value instanceof HealthOverride e) {
            return override(e, eventId, occurredAt);
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

    /**
     * A SET names a band or a pinned score (not both) and expires after it was given, within
     * {@code overrides.max-days}; a LIFT names none of these. Both say who and why.
     */
    private OverrideCommand override(HealthOverride e, String id, Instant createdAt) {
        requireText(e.getAuthor(), "author", id);
        requireText(e.getReason(), "reason", id);
        if (e.getAction() == OverrideAction.LIFT) {
            if (e.getBand() != null || e.getPinnedScore() != null || e.getExpiresAt() != null) {
                throw invalidOverride("a LIFT carries no band, pinned_score or expires_at", id);
            }
            return OverrideCommand.lift(id, createdAt, e.getReason(), e.getAuthor());
        }
        if ((e.getBand() == null) == (e.getPinnedScore() == null)) {
            throw invalidOverride("a SET names either a band or a pinned_score", id);
        }
        double pinned = e.getPinnedScore() == null ? 0 : e.getPinnedScore();
        if (!(pinned >= 0 && pinned <= CsmOverride.MAX_PINNED_SCORE)) {
            throw invalidOverride("pinned_score must be 0-" + CsmOverride.MAX_PINNED_SCORE + ", got " + pinned, id);
        }
        Instant expiresAt = e.getExpiresAt();
        if (expiresAt == null
                || !expiresAt.isAfter(createdAt)
                || expiresAt.isAfter(createdAt.plus(limits.maxOverride()))) {
            throw invalidOverride(
                    "expires_at must be after created_at " + createdAt + " by at most "
                            + limits.maxOverride().toDays() + " days (overrides.max-days), got " + expiresAt,
                    id);
        }
        return OverrideCommand.set(
                id,
                createdAt,
                e.getBand() == null ? null : Band.valueOf(e.getBand().name()),
                e.getPinnedScore(),
                e.getReason(),
                e.getAuthor(),
                expiresAt);
    }

    private static void requireText(String text, String field, String id) {
        if (text == null || text.isBlank()) {
            throw invalidOverride(field + " is required", id);
        }
    }

    private static InvalidEventException invalidOverride(String problem, String id) {
        return new InvalidEventException("invalid-override", problem + " (override " + shown(id) + ")");
    }

    private static boolean isInput(Object value) {
        return value instanceof HealthOverride
                || value instanceof SubscriptionEvent
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
