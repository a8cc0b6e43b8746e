package io.healthstream.topology.testdata;

import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.UsageEvent;
import java.time.Instant;

/** Valid input events with defaults, so a test states only what matters to it. */
public final class InputEvents {
    private InputEvents() {
    }

    public static SubscriptionEvent.Builder subscription(String eventId, String accountId, Instant at,
                                                         SubscriptionEventType type) {
        return SubscriptionEvent.newBuilder()
                .setEventId(eventId)
                .setAccountId(accountId)
                .setOccurredAt(at)
                .setType(type)
                .setPlan("pro")
                .setSeats(1)
                .setMrrBefore(0L)
                .setMrrAfter(0L)
                .setCurrency("USD")
                .setAddon(null)
                .setCancellationReason((CancellationReason) null);
    }

    /** A paid subscription starting at {@code mrr} minor units of USD. */
    public static SubscriptionEvent started(String eventId, String accountId, Instant at, long mrr) {
        return subscription(eventId, accountId, at, SubscriptionEventType.SUBSCRIPTION_STARTED).setMrrAfter(mrr).build();
    }

    public static UsageEvent.Builder usage(String eventId, String accountId, String userId, Instant at, String action) {
        return UsageEvent.newBuilder()
                .setEventId(eventId)
                .setAccountId(accountId)
                .setUserId(userId)
                .setOccurredAt(at)
                .setAction(action)
                .setCount(1)
                .setOnboardingStep(null);
    }

    public static NpsResponse nps(String eventId, String accountId, String userId, Instant at, int score) {
        return NpsResponse.newBuilder()
                .setEventId(eventId)
                .setAccountId(accountId)
                .setUserId(userId)
                .setOccurredAt(at)
                .setScore(score)
                .setComment(null)
                .build();
    }
}
