package io.healthstream.testdata;

import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.TicketPriority;
import io.healthstream.avro.TicketStatus;
import io.healthstream.avro.UsageEvent;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.topology.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static io.healthstream.testdata.AvroEvents.nps;
import static io.healthstream.testdata.AvroEvents.subscription;
import static io.healthstream.testdata.AvroEvents.ticket;
import static io.healthstream.testdata.AvroEvents.usage;

/**
 * A small portfolio for the integration tests, published through the Avro serde: ten paying
 * accounts, of which acc-01 replays the events of DOMAIN.md's worked example (an urgent ticket, then a
 * failed payment: YELLOW under the default model settings), one downgrades, one cancels, one answers NPS as a detractor; plus a duplicate
 * event and one record no serde can read, so every kind of meter moves.
 */
public final class ScriptedPortfolio {
    public static final String WORKED_EXAMPLE = "acc-01";
    public static final List<String> ACCOUNTS = IntStream.rangeClosed(1, 10).mapToObj(i -> "acc-%02d".formatted(i)).toList();

    private ScriptedPortfolio() {
    }

    public static void publish(AvroPublisher publisher, Instant t0) {
        for (String account : ACCOUNTS) {
            publisher.publish(Topics.SUBSCRIPTION_EVENTS, account,
                    subscription(account, SubscriptionEventType.SUBSCRIPTION_STARTED, t0).setMrrBefore(0).build());
            publisher.publish(Topics.USAGE_EVENTS, account, usage(account, "login", 50, hours(t0, 1)).build());
            publisher.publish(Topics.USAGE_EVENTS, account, usage(account, "report_exported", 10, hours(t0, 2)).build());
            publisher.publish(Topics.NPS_RESPONSES, account, nps(account, "user-1", 9, hours(t0, 3)).build());
        }
        publisher.publish(Topics.SUPPORT_TICKETS, WORKED_EXAMPLE,
                ticket(WORKED_EXAMPLE, "T-1", TicketStatus.OPENED, TicketPriority.URGENT, hours(t0, 4)).build());
        publisher.publish(Topics.SUBSCRIPTION_EVENTS, WORKED_EXAMPLE,
                subscription(WORKED_EXAMPLE, SubscriptionEventType.PAYMENT_FAILED, hours(t0, 5)).build());

        publisher.publish(Topics.SUBSCRIPTION_EVENTS, "acc-02", subscription("acc-02", SubscriptionEventType.PLAN_DOWNGRADED,
                hours(t0, 4)).setPlan("starter").setMrrBefore(9900).setMrrAfter(2900).build());
        publisher.publish(Topics.SUBSCRIPTION_EVENTS, "acc-03", subscription("acc-03", SubscriptionEventType.CANCELLED,
                hours(t0, 4)).setMrrBefore(9900).setMrrAfter(0).setCancellationReason(CancellationReason.PRICE).build());
        publisher.publish(Topics.NPS_RESPONSES, "acc-04", nps("acc-04", "user-2", 2, hours(t0, 4)).build());

        UsageEvent twice = usage("acc-05", "login", 3, hours(t0, 4)).build();
        publisher.publish(Topics.USAGE_EVENTS, "acc-05", twice);
        publisher.publish(Topics.USAGE_EVENTS, "acc-05", twice);
        publisher.publishRaw(Topics.USAGE_EVENTS, "acc-06", "not avro".getBytes(StandardCharsets.UTF_8));
    }

    private static Instant hours(Instant t0, int hours) {
        return t0.plus(Duration.ofHours(hours));
    }
}
