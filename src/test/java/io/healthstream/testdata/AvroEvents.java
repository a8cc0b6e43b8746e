package io.healthstream.testdata;

import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.TicketPriority;
import io.healthstream.avro.TicketStatus;
import io.healthstream.avro.UsageEvent;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid input events with sensible defaults (a "pro" plan at 99.00 USD, one login), returned as
 * Avro builders so each test sets only what matters. Event ids are unique per builder call.
 */
public final class AvroEvents {
    private static final AtomicLong IDS = new AtomicLong();

    private AvroEvents() {
    }

    public static SubscriptionEvent.Builder subscription(String account, SubscriptionEventType type, Instant at) {
        return SubscriptionEvent.newBuilder()
                .setEventId(nextId("sub"))
                .setAccountId(account)
                .setOccurredAt(at)
                .setType(type)
                .setPlan("pro")
                .setSeats(10)
                .setMrrBefore(9900)
                .setMrrAfter(9900)
                .setCurrency("USD");
    }

    public static UsageEvent.Builder usage(String account, String action, int count, Instant at) {
        return UsageEvent.newBuilder()
                .setEventId(nextId("use"))
                .setAccountId(account)
                .setUserId("user-1")
                .setOccurredAt(at)
                .setAction(action)
                .setCount(count);
    }

    public static NpsResponse.Builder nps(String account, String user, int score, Instant at) {
        return NpsResponse.newBuilder()
                .setEventId(nextId("nps"))
                .setAccountId(account)
                .setUserId(user)
                .setOccurredAt(at)
                .setScore(score);
    }

    public static SupportTicketEvent.Builder ticket(String account, String ticketId, TicketStatus status,
                                                    TicketPriority priority, Instant at) {
        return SupportTicketEvent.newBuilder()
                .setEventId(nextId("tkt"))
                .setAccountId(account)
                .setTicketId(ticketId)
                .setOccurredAt(at)
                .setStatus(status)
                .setPriority(priority);
    }

    private static String nextId(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }
}
