package io.healthstream.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.UsageEvent;
import io.healthstream.topology.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PortfolioSimulationTest {
    private static final Instant END = Instant.parse("2026-06-30T00:00:00Z");
    private static final PortfolioSpec SPEC = new PortfolioSpec(1000, 90, 42, END);
    private static List<GeneratedEvent> events;

    @BeforeAll
    static void simulateOnce() {
        events = all(new PortfolioSimulation(SPEC));
    }

    private static List<GeneratedEvent> all(PortfolioSimulation simulation) {
        List<GeneratedEvent> all = new ArrayList<>();
        while (simulation.hasNextDay()) {
            all.addAll(simulation.simulateNextDay());
        }
        return all;
    }

    @Test
    void sameSeedGivesTheSameEvents() {
        List<GeneratedEvent> again = all(new PortfolioSimulation(new PortfolioSpec(50, 30, 7, END)));
        assertThat(all(new PortfolioSimulation(new PortfolioSpec(50, 30, 7, END))))
                .isEqualTo(again);
    }

    @Test
    void anotherSeedGivesAnotherPortfolio() {
        assertThat(all(new PortfolioSimulation(new PortfolioSpec(50, 30, 8, END))))
                .isNotEqualTo(all(new PortfolioSimulation(new PortfolioSpec(50, 30, 7, END))));
    }

    @Test
    void eventTimeRunsOverTheSimulatedDaysEndingAtTheEnd() {
        assertThat(events)
                .allSatisfy(event -> assertThat(event.occurredAt())
                        .isAfterOrEqualTo(SPEC.start())
                        .isBefore(END));
        assertThat(events.stream()
                        .map(GeneratedEvent::occurredAt)
                        .max(Instant::compareTo)
                        .orElseThrow())
                .isAfter(END.minusSeconds(86_400));
    }

    @Test
    void everyStoryIsInThePortfolio() {
        assertThat(new PortfolioSimulation(SPEC).personas()).containsOnlyKeys(Persona.values());
    }

    @Test
    void aboutOnePercentAreDuplicatesOfAnEarlierEventId() {
        Set<String> seen = new HashSet<>();
        long duplicates =
                events.stream().filter(event -> !seen.add(eventId(event))).count();
        assertThat((double) duplicates / events.size()).isCloseTo(0.01, within(0.003));
    }

    @Test
    void aboutHalfAPercentBreakTheContract() {
        long invalid =
                events.stream().filter(PortfolioSimulationTest::breaksContract).count();
        assertThat((double) invalid / events.size()).isCloseTo(0.005, within(0.002));
        assertThat(events)
                .anyMatch(e -> e.value() instanceof NpsResponse nps && nps.getScore() == 11)
                .anyMatch(e -> e.value() instanceof UsageEvent usage && usage.getCount() < 0)
                .anyMatch(e -> e.key().isEmpty());
    }

    @Test
    void someEventsArriveAfterNewerOnesOfTheSameAccount() {
        Map<String, Instant> latest = new HashMap<>();
        long outOfOrder = events.stream()
                .filter(event -> {
                    Instant before = latest.merge(event.key(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
                    return before.isAfter(event.occurredAt());
                })
                .count();
        assertThat(outOfOrder).isPositive();
    }

    @Test
    void trialsConvertOrExpireAndDecliningAccountsCancelWithAReason() {
        List<SubscriptionEvent> subscriptions = events.stream()
                .map(GeneratedEvent::value)
                .filter(SubscriptionEvent.class::isInstance)
                .map(SubscriptionEvent.class::cast)
                .toList();
        assertThat(subscriptions)
                .extracting(SubscriptionEvent::getType)
                .contains(
                        SubscriptionEventType.TRIAL_STARTED,
                        SubscriptionEventType.TRIAL_CONVERTED,
                        SubscriptionEventType.TRIAL_EXPIRED,
                        SubscriptionEventType.PLAN_DOWNGRADED,
                        SubscriptionEventType.SEATS_REMOVED,
                        SubscriptionEventType.ADDON_REMOVED,
                        SubscriptionEventType.SEATS_ADDED,
                        SubscriptionEventType.PAYMENT_FAILED,
                        SubscriptionEventType.PAYMENT_SUCCEEDED);
        assertThat(subscriptions)
                .filteredOn(e -> e.getType() == SubscriptionEventType.CANCELLED)
                .isNotEmpty()
                .allSatisfy(cancelled ->
                        assertThat(cancelled.getCancellationReason()).isNotNull());
    }

    @Test
    void everyEventIsKeyedByItsAccountOnItsTopic() {
        assertThat(events).allSatisfy(event -> {
            assertThat(event.key())
                    .isEqualTo(((GenericRecord) event.value()).get("account_id").toString());
            assertThat(Topics.INPUTS).contains(event.topic());
        });
    }

    private static String eventId(GeneratedEvent event) {
        return ((GenericRecord) event.value()).get("event_id").toString();
    }

    private static boolean breaksContract(GeneratedEvent event) {
        return event.key().isEmpty()
                || event.value() instanceof NpsResponse nps && (nps.getScore() < 0 || nps.getScore() > 10)
                || event.value() instanceof UsageEvent usage && usage.getCount() < 0;
    }
}
