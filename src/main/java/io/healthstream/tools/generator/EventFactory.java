package io.healthstream.tools.generator;

import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.TicketPriority;
import io.healthstream.avro.TicketStatus;
import io.healthstream.avro.UsageEvent;
import io.healthstream.topology.Topics;
import java.time.Instant;

/** Builds the Avro events of one account with ids that are unique and stable for a seed. */
final class EventFactory {
    private final String accountId;
    private int sequence;

    EventFactory(String accountId) {
        this.accountId = accountId;
    }

    GeneratedEvent usage(Instant at, String user, String action, int count, String onboardingStep) {
        UsageEvent event = UsageEvent.newBuilder()
                .setEventId(nextId("u"))
                .setAccountId(accountId)
                .setUserId(user)
                .setOccurredAt(at)
                .setAction(action)
                .setCount(count)
                .setOnboardingStep(onboardingStep)
                .build();
        return new GeneratedEvent(Topics.USAGE_EVENTS, accountId, event, at);
    }

    GeneratedEvent subscription(
            Instant at,
            SubscriptionEventType type,
            String plan,
            int seats,
            long mrrBefore,
            long mrrAfter,
            String addon,
            CancellationReason reason) {
        SubscriptionEvent event = SubscriptionEvent.newBuilder()
                .setEventId(nextId("s"))
                .setAccountId(accountId)
                .setOccurredAt(at)
                .setType(type)
                .setPlan(plan)
                .setSeats(seats)
                .setMrrBefore(mrrBefore)
                .setMrrAfter(mrrAfter)
                .setCurrency(Catalog.CURRENCY)
                .setAddon(addon)
                .setCancellationReason(reason)
                .build();
        return new GeneratedEvent(Topics.SUBSCRIPTION_EVENTS, accountId, event, at);
    }

    GeneratedEvent nps(Instant at, String user, int score, String comment) {
        NpsResponse event = NpsResponse.newBuilder()
                .setEventId(nextId("n"))
                .setAccountId(accountId)
                .setUserId(user)
                .setOccurredAt(at)
                .setScore(score)
                .setComment(comment)
                .build();
        return new GeneratedEvent(Topics.NPS_RESPONSES, accountId, event, at);
    }

    GeneratedEvent ticket(Instant at, String ticketId, TicketStatus status, TicketPriority priority) {
        SupportTicketEvent event = SupportTicketEvent.newBuilder()
                .setEventId(nextId("t"))
                .setAccountId(accountId)
                .setTicketId(ticketId)
                .setOccurredAt(at)
                .setStatus(status)
                .setPriority(priority)
                .build();
        return new GeneratedEvent(Topics.SUPPORT_TICKETS, accountId, event, at);
    }

    /** A ticket id unique within the account. */
    String nextTicketId() {
        return accountId + "-T" + (++sequence);
    }

    private String nextId(String kind) {
        return accountId + "-" + kind + (++sequence);
    }
}
