package io.healthstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.topology.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each Stripe fixture mapped, with the figures worked by hand from the fixture. */
class StripeMapperTest {
    private final StripeMapper mapper = new StripeMapper(Optional.empty());

    @Test
    @DisplayName("a subscription created in trial starts a trial with no MRR yet")
    void createdTrialingIsTrialStarted() {
        SubscriptionEvent event = only("stripe/subscription-created-trialing.json");
        assertThat(event.getEventId()).isEqualTo("evt_1TrialStarted");
        assertThat(event.getAccountId()).isEqualTo("cus_Trial");
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
        assertThat(event.getType()).isEqualTo(SubscriptionEventType.TRIAL_STARTED);
        assertThat(event.getPlan()).isEqualTo("pro");
        assertThat(event.getSeats()).isEqualTo(5);
        assertThat(event.getMrrBefore()).isZero();
        assertThat(event.getMrrAfter()).isZero();
        assertThat(event.getCurrency()).isEqualTo("USD");
    }

    @Test
    @DisplayName("an active subscription starts paid: yearly plan /12, add-on monthly, metered item 0")
    void createdActiveIsSubscriptionStartedWithNormalisedMrr() {
        SubscriptionEvent event = only("stripe/subscription-created-active.json");
        assertThat(event.getType()).isEqualTo(SubscriptionEventType.SUBSCRIPTION_STARTED);
        assertThat(event.getAccountId()).isEqualTo("cus_Business");
        // 1200.00 EUR a year x 10 seats / 12 = 1000.00 a month, + SSO 50.00 a month, + metered API calls 0.
        assertThat(event.getMrrAfter()).isEqualTo(100_000 + 5_000);
        assertThat(event.getPlan()).isEqualTo("Business yearly");
        assertThat(event.getSeats()).isEqualTo(10);
        assertThat(event.getCurrency()).isEqualTo("EUR");
    }

    @Test
    @DisplayName("the account id comes from the configured metadata key when the subscription has it")
    void accountFromMetadataKey() {
        StripeMapper byMetadata = new StripeMapper(Optional.of("healthstream_account"));
        IngestBatch withKey = byMetadata.map(Fixtures.json("stripe/subscription-created-active.json"));
        IngestBatch withoutKey = byMetadata.map(Fixtures.json("stripe/subscription-created-trialing.json"));
        assertThat(withKey.events().get(0).key()).isEqualTo("acc-business");
        assertThat(((SubscriptionEvent) withKey.events().get(0).value()).getAccountId())
                .isEqualTo("acc-business");
        assertThat(withoutKey.events().get(0).key()).isEqualTo("cus_Trial");
    }

    @Test
    @DisplayName("trialing -> active converts the trial, MRR from 0 to the items' (29.00 x 5)")
    void trialToActiveIsConversion() {
        SubscriptionEvent event = only("stripe/subscription-updated-trial-converted.json");
        assertThat(event.getType()).isEqualTo(SubscriptionEventType.TRIAL_CONVERTED);
        assertThat(event.getEventId()).isEqualTo("evt_1Converted");
        assertThat(event.getMrrBefore()).isZero();
        assertThat(event.getMrrAfter()).isEqualTo(14_500);
    }

    @Test
    @DisplayName(
            "one update changing plan, seats and an add-on is three events, each MRR starting where the last ended")
    void planSeatsAndAddonInOneUpdate() {
        List<SubscriptionEvent> events = all("stripe/subscription-updated-plan-seats-addon.json");
        // starter 15.00 x 5 = 75.00 -> pro 29.00 x 5 = 145.00 -> x 8 = 232.00 -> + reporting 10.00 = 242.00
        assertThat(events)
                .extracting(
                        SubscriptionEvent::getEventId,
                        SubscriptionEvent::getType,
                        SubscriptionEvent::getPlan,
                        SubscriptionEvent::getSeats,
                        SubscriptionEvent::getMrrBefore,
                        SubscriptionEvent::getMrrAfter,
                        SubscriptionEvent::getAddon)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "evt_1Upgrade/plan",
                                SubscriptionEventType.PLAN_UPGRADED,
                                "pro",
                                5,
                                7_500L,
                                14_500L,
                                null),
                        org.assertj.core.groups.Tuple.tuple(
                                "evt_1Upgrade/seats",
                                SubscriptionEventType.SEATS_ADDED,
                                "pro",
                                8,
                                14_500L,
                                23_200L,
                                null),
                        org.assertj.core.groups.Tuple.tuple(
                                "evt_1Upgrade/addon/price_reporting",
                                SubscriptionEventType.ADDON_ADDED,
                                "pro",
                                8,
                                23_200L,
                                24_200L,
                                "reporting"));
    }

    @Test
    @DisplayName("a plan change to a lower MRR is a downgrade; a weekly price counts 52/12 of itself a month")
    void weeklyPlanDowngrade() {
        SubscriptionEvent event = only("stripe/subscription-updated-downgrade-weekly.json");
        assertThat(event.getType()).isEqualTo(SubscriptionEventType.PLAN_DOWNGRADED);
        assertThat(event.getPlan()).isEqualTo("team_weekly");
        // 12.00 a week x 52 / 12 = 52.00 a month, down from 99.00.
        assertThat(event.getMrrBefore()).isEqualTo(9_900);
        assertThat(event.getMrrAfter()).isEqualTo(5_200);
    }

    @Test
    @DisplayName("an extra item gone is an add-on removed, named by its price's lookup key")
    void addonRemoved() {
        SubscriptionEvent event = only("stripe/subscription-updated-addon-removed.json");
        assertThat(event.getType()).isEqualTo(SubscriptionEventType.ADDON_REMOVED);
        assertThat(event.getAddon()).isEqualTo("reporting");
        assertThat(event.getMrrBefore()).isEqualTo(24_200);
        assertThat(event.getMrrAfter()).isEqualTo(23_200);
        assertThat(event.getEventId()).isEqualTo("evt_1AddonRemoved/addon/price_reporting");
    }

    @Test
    @DisplayName("an update that changes nothing healthstream tracks (metadata) is ignored")
    void metadataOnlyUpdateIsIgnored() {
        IngestBatch batch = mapper.map(Fixtures.json("stripe/subscription-updated-metadata-only.json"));
        assertThat(batch.events()).isEmpty();
        assertThat(batch.ignored()).isEqualTo(1);
    }

    @Test
    @DisplayName("a deleted subscription is a cancellation; the customer's feedback too_expensive is PRICE")
    void deletedIsCancellationWithFeedbackReason() {
        SubscriptionEvent event = only("stripe/subscription-deleted.json");
        assertThat(event.getType()).isEqualTo(SubscriptionEventType.CANCELLED);
        assertThat(event.getCancellationReason()).isEqualTo(CancellationReason.PRICE);
        assertThat(event.getMrrBefore()).isEqualTo(14_500);
        assertThat(event.getMrrAfter()).isZero();
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
    }

    @Test
    @DisplayName("a cancellation without feedback (payment failed) has reason OTHER")
    void cancellationWithoutFeedbackIsOther() {
        assertThat(only("stripe/subscription-deleted-payment-failed.json").getCancellationReason())
                .isEqualTo(CancellationReason.OTHER);
    }

    @Test
    @DisplayName("invoice.payment_failed is a failed payment at the invoice's plan, seats and MRR, prorations left out")
    void invoicePaymentFailed() {
        SubscriptionEvent event = only("stripe/invoice-payment-failed.json");
        assertThat(event.getType()).isEqualTo(SubscriptionEventType.PAYMENT_FAILED);
        assertThat(event.getAccountId()).isEqualTo("cus_Trial");
        assertThat(event.getPlan()).isEqualTo("pro");
        assertThat(event.getSeats()).isEqualTo(5);
        assertThat(event.getMrrBefore()).isEqualTo(14_500);
        assertThat(event.getMrrAfter()).isEqualTo(14_500);
    }

    @Test
    @DisplayName("invoice.paid is a successful payment")
    void invoicePaid() {
        SubscriptionEvent event = only("stripe/invoice-paid.json");
        assertThat(event.getType()).isEqualTo(SubscriptionEventType.PAYMENT_SUCCEEDED);
        assertThat(event.getEventId()).isEqualTo("evt_1Paid");
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-17T09:00:00Z"));
    }

    @Test
    @DisplayName("a one-off invoice and event types healthstream does not map are ignored")
    void otherEventsAreIgnored() {
        for (String fixture : List.of("stripe/invoice-one-off.json", "stripe/customer-created.json")) {
            IngestBatch batch = mapper.map(Fixtures.json(fixture));
            assertThat(batch.events()).as(fixture).isEmpty();
            assertThat(batch.ignored()).as(fixture).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the same webhook mapped twice gives the same ids, so the engine counts a retry once")
    void retriedWebhookHasTheSameIds() {
        assertThat(all("stripe/subscription-updated-plan-seats-addon.json"))
                .isEqualTo(all("stripe/subscription-updated-plan-seats-addon.json"));
    }

    @Test
    @DisplayName("an event without data.object, or an item without a price, is invalid and says why")
    void malformedEventsAreInvalid() {
        assertThatThrownBy(() -> mapper.map(
                        IngestJson.read("{\"id\":\"evt_1\",\"type\":\"invoice.paid\",\"created\":1}".getBytes())))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("missing data.object");
        assertThatThrownBy(() ->
                        mapper.map(IngestJson.read(("{\"id\":\"evt_1\",\"type\":\"customer.subscription.created\","
                                        + "\"created\":1,\"data\":{\"object\":{\"customer\":\"cus_1\",\"status\":\"active\","
                                        + "\"items\":{\"data\":[{\"quantity\":1}]}}}}")
                                .getBytes())))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("a subscription item has no price object");
    }

    private SubscriptionEvent only(String fixture) {
        List<SubscriptionEvent> events = all(fixture);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private List<SubscriptionEvent> all(String fixture) {
        IngestBatch batch = mapper.map(Fixtures.json(fixture));
        assertThat(batch.events()).allSatisfy(event -> {
            assertThat(event.topic()).isEqualTo(Topics.SUBSCRIPTION_EVENTS);
            assertThat(event.key()).isEqualTo(((SubscriptionEvent) event.value()).getAccountId());
            assertThat(event.timestamp())
                    .isEqualTo(
                            ((SubscriptionEvent) event.value()).getOccurredAt().toEpochMilli());
        });
        return batch.events().stream()
                .map(event -> (SubscriptionEvent) event.value())
                .toList();
    }
}
