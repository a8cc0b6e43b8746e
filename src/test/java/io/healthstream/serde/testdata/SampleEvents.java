package io.healthstream.serde.testdata;

import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.TicketPriority;
import io.healthstream.avro.TicketStatus;
import io.healthstream.avro.UsageEvent;
import java.time.Instant;

/** Input events with every field set, optional ones included, so a round trip exercises each field. */
public final class SampleEvents {
    /** Millisecond precision on purpose: timestamp-millis must keep it. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123Z");

    private SampleEvents() {
    }

    public static UsageEvent.Builder usageEvent() {
        return UsageEvent.newBuilder()
                .setEventId("evt-1")
                .setAccountId("acc-1")
                .setUserId("user-1")
                .setOccurredAt(T0)
                .setAction("onboarding_step_completed")
                .setCount(3)
                .setOnboardingStep("workspace_created");
    }

    public static SubscriptionEvent subscriptionEvent() {
        return SubscriptionEvent.newBuilder()
                .setEventId("evt-2")
                .setAccountId("acc-1")
                .setOccurredAt(T0)
                .setType(SubscriptionEventType.CANCELLED)
                .setPlan("pro")
                .setSeats(12)
                .setMrrBefore(120_000L)
                .setMrrAfter(0L)
                .setCurrency("EUR")
                .setAddon("sso")
                .setCancellationReason(CancellationReason.COMPETITOR)
                .build();
    }

    public static SupportTicketEvent supportTicketEvent() {
        return SupportTicketEvent.newBuilder()
                .setEventId("evt-3")
                .setAccountId("acc-1")
                .setTicketId("T-42")
                .setOccurredAt(T0)
                .setStatus(TicketStatus.ESCALATED)
                .setPriority(TicketPriority.URGENT)
                .build();
    }

    public static NpsResponse npsResponse() {
        return NpsResponse.newBuilder()
                .setEventId("evt-4")
                .setAccountId("acc-1")
                .setUserId("user-1")
                .setOccurredAt(T0)
                .setScore(9)
                .setComment("Great reports")
                .build();
    }
}
