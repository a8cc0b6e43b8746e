package io.healthstream.testdata;

import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.TicketStage;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A small portfolio for the integration tests, published through the Avro serde: ten paying
 * accounts, of which acc-01 replays the events of DOMAIN.md's worked example (an urgent ticket, then a
 * failed payment: YELLOW under the default model settings), one downgrades, one cancels, one answers NPS as a detractor; plus a duplicate
 * event and one record no serde can read, so every kind of meter moves.
 */
public final class ScriptedPortfolio {
    public static final String WORKED_EXAMPLE = "acc-01";
    /** Every account pays 99.00 USD a month on the pro plan. */
    public static final long MRR = 9900;

    public static final List<String> ACCOUNTS =
            IntStream.rangeClosed(1, 10).mapToObj(i -> "acc-%02d".formatted(i)).toList();

    private ScriptedPortfolio() {}

    public static void publish(AvroPublisher publisher, Instant t0) {
        for (String account : ACCOUNTS) {
            publisher.publish(
                    Topics.SUBSCRIPTION_EVENTS,
                    account,
                    Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                            .account(account)
                            .at(t0)
                            .mrr(0, MRR)
                            .avro());
            publisher.publish(
                    Topics.USAGE_EVENTS,
                    account,
                    Events.usage()
                            .account(account)
                            .action("login")
                            .count(50)
                            .at(hours(t0, 1))
                            .avro());
            publisher.publish(
                    Topics.USAGE_EVENTS,
                    account,
                    Events.usage()
                            .account(account)
                            .action("report_exported")
                            .count(10)
                            .at(hours(t0, 2))
                            .avro());
            publisher.publish(
                    Topics.NPS_RESPONSES,
                    account,
                    Events.nps(9)
                            .account(account)
                            .user("user-1")
                            .at(hours(t0, 3))
                            .avro());
        }
        publisher.publish(
                Topics.SUPPORT_TICKETS,
                WORKED_EXAMPLE,
                Events.ticket("T-1")
                        .account(WORKED_EXAMPLE)
                        .stage(TicketStage.OPENED)
                        .priority(Priority.URGENT)
                        .at(hours(t0, 4))
                        .avro());
        publisher.publish(
                Topics.SUBSCRIPTION_EVENTS,
                WORKED_EXAMPLE,
                Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                        .account(WORKED_EXAMPLE)
                        .at(hours(t0, 5))
                        .mrr(MRR)
                        .avro());

        publisher.publish(
                Topics.SUBSCRIPTION_EVENTS,
                "acc-02",
                Events.subscription(SubscriptionChange.PLAN_DOWNGRADED)
                        .account("acc-02")
                        .at(hours(t0, 4))
                        .plan("starter")
                        .mrr(MRR, 2900)
                        .avro());
        publisher.publish(
                Topics.SUBSCRIPTION_EVENTS,
                "acc-03",
                Events.subscription(SubscriptionChange.CANCELLED)
                        .account("acc-03")
                        .at(hours(t0, 4))
                        .mrr(MRR, 0)
                        .cancellationReason("PRICE")
                        .avro());
        publisher.publish(
                Topics.NPS_RESPONSES,
                "acc-04",
                Events.nps(2).account("acc-04").user("user-2").at(hours(t0, 4)).avro());

        UsageEvent twice = Events.usage()
                .account("acc-05")
                .action("login")
                .count(3)
                .at(hours(t0, 4))
                .avro();
        publisher.publish(Topics.USAGE_EVENTS, "acc-05", twice);
        publisher.publish(Topics.USAGE_EVENTS, "acc-05", twice);
        publisher.publishRaw(Topics.USAGE_EVENTS, "acc-06", "not avro".getBytes(StandardCharsets.UTF_8));
    }

    private static Instant hours(Instant t0, int hours) {
        return t0.plus(Duration.ofHours(hours));
    }
}
