package io.healthstream.topology;

import io.healthstream.topology.testdata.TopologyHarness;
import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.HealthDriver;
import io.healthstream.avro.NpsFollowUp;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.TicketPriority;
import io.healthstream.avro.TicketStatus;
import io.healthstream.avro.UsageEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.healthstream.testdata.AvroEvents.nps;
import static io.healthstream.testdata.AvroEvents.subscription;
import static io.healthstream.testdata.AvroEvents.ticket;
import static io.healthstream.testdata.AvroEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules every input event meets on the real topology: clocks, sizes, keys, ids and what the outputs carry. */
class InputRulesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyHarness fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyHarness(Map.of("usage.expected.plan.pro", "100"), T0, stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static Instant days(double days) {
        return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    private List<String> deadLetterReasons() {
        return fixture.deadLetters().readRecordsToList().stream().map(r -> header(r, DeadLetterRecords.REASON)).toList();
    }

    @Test
    @DisplayName("an event dated 2099 is dead-lettered and moves no clock: no other account decays or goes inactive")
    void farFutureEventIsDeadLetteredAndMovesNoClock() {
        fixture.pipe(subscription("acc-3", SubscriptionEventType.SUBSCRIPTION_STARTED, T0).build());
        fixture.pipe(usage("acc-3", "login", 50, days(0.1)).build());
        fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList();

        fixture.pipe(usage("acc-1", "login", 1, Instant.parse("2099-01-01T00:00:00Z")).build());
        fixture.pipe(usage("acc-2", "login", 1, days(1)).build());

        assertThat(deadLetterReasons()).containsExactly("occurred-at-in-future");
        assertThat(fixture.output(Topics.CHURN_SIGNALS, ChurnSignal.class).readValuesToList()).isEmpty();
        assertThat(fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList())
                .extracting(AccountHealth::getAccountId).containsExactly("acc-2");
    }

    @Test
    @DisplayName("an event up to input.max-future-skew ahead of the wall clock is accepted")
    void eventWithinTheAllowedSkewIsAccepted() {
        Instant soon = Instant.now().plus(Duration.ofMinutes(30));
        fixture.pipe(subscription("acc-1", SubscriptionEventType.SUBSCRIPTION_STARTED, soon).build());

        assertThat(deadLetterReasons()).isEmpty();
        assertThat(fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList()).hasSize(1);
    }

    @Test
    @DisplayName("a pre-1970 event that is the first record of its topic is dead-lettered, not silently dropped")
    void preEpochEventFirstInItsTopicIsDeadLettered() {
        UsageEvent old = usage("acc-1", "login", 1, Instant.parse("1969-12-31T23:59:00Z")).build();
        fixture.pipe("acc-1", old, old.getOccurredAt());

        assertThat(deadLetterReasons()).containsExactly("invalid-occurred-at");
    }

    @Test
    @DisplayName("an account_id longer than input.max-id-length is dead-lettered before any state is touched")
    void overlongIdIsDeadLettered() {
        String huge = "a".repeat(600_000);
        fixture.pipe(usage(huge, "login", 1, T0).build());
        fixture.pipe(usage("acc-1", "login", 1, T0).setUserId("u".repeat(129)).build());

        assertThat(fixture.deadLetters().readRecordsToList()).satisfiesExactly(
                first -> {
                    assertThat(header(first, DeadLetterRecords.REASON)).isEqualTo("id-too-long");
                    assertThat(header(first, DeadLetterRecords.MESSAGE)).contains("account_id is 600000 characters")
                            .hasSizeLessThan(300);
                },
                second -> assertThat(header(second, DeadLetterRecords.MESSAGE)).contains("user_id is 129 characters"));
        assertThat(fixture.store(StoreNames.ACCOUNTS).approximateNumEntries()).isZero();
    }

    @Test
    @DisplayName("a record whose key is not its account_id is dead-lettered: its account's state would split")
    void keyOtherThanTheAccountIdIsDeadLettered() {
        fixture.pipe("acc-2", usage("acc-1", "login", 1, T0).build(), T0);

        assertThat(deadLetterReasons()).containsExactly("key-mismatch");
    }

    @Test
    @DisplayName("two accounts using the same event id both count, and their records get different ids")
    void sameEventIdInTwoAccountsIsTwoEvents() {
        fixture.pipe(subscription("acc-1", SubscriptionEventType.PAYMENT_FAILED, T0).setEventId("e-1").build());
        fixture.pipe(subscription("acc-2", SubscriptionEventType.PAYMENT_FAILED, T0).setEventId("e-1").build());

        assertThat(fixture.output(Topics.CHURN_SIGNALS, ChurnSignal.class).readValuesToList())
                .extracting(ChurnSignal::getSignalId).filteredOn(id -> id.endsWith("/PAYMENT_FAILED"))
                .containsExactly("acc-1/subscription-events/e-1/PAYMENT_FAILED", "acc-2/subscription-events/e-1/PAYMENT_FAILED");
        assertThat(fixture.listener().duplicates).isEmpty();
    }

    @Test
    @DisplayName("a login delivered again 20 days later is counted once, through the topology and its store")
    void lateDuplicateIsCountedOnce() {
        fixture.pipe(subscription("acc-1", SubscriptionEventType.SUBSCRIPTION_STARTED, T0).build());
        UsageEvent login = usage("acc-1", "login", 40, days(1)).build();
        fixture.pipe(login);
        fixture.pipe(usage("acc-1", "report_viewed", 10, days(20)).build());
        List<AccountHealth> before = fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList();

        fixture.pipe(login);

        assertThat(fixture.listener().duplicates).containsExactly(Topics.USAGE_EVENTS);
        assertThat(fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList()).isEmpty();
        assertThat(before.get(before.size() - 1).getComponents().getUsage()).isEqualTo(50.0);
    }

    @Test
    @DisplayName("with an open ticket the drivers add up to the score: 40 + 14 + 9 + 6 = 69")
    void driversAddUpToTheScore() {
        fixture.pipe(subscription("acc-1", SubscriptionEventType.SUBSCRIPTION_STARTED, T0).build());
        fixture.pipe(usage("acc-1", "login", 100, days(0.1)).build());
        fixture.pipe(nps("acc-1", "ann", 9, days(0.2)).build());
        fixture.pipe(ticket("acc-1", "T-1", TicketStatus.OPENED, TicketPriority.URGENT, days(0.3)).build());
        fixture.pipe(subscription("acc-1", SubscriptionEventType.PAYMENT_FAILED, days(0.4)).build());

        List<AccountHealth> records = fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList();
        AccountHealth last = records.get(records.size() - 1);
        assertThat(last.getScore()).isEqualTo(69.0);
        assertThat(last.getDrivers()).extracting(HealthDriver::getPoints).containsExactly(40.0, 14.0, 9.0, 6.0);
    }

    @Test
    @DisplayName("records carry as_of (event time) apart from computed_at (processing time); alerts say how soon to respond")
    void recordsCarryAsOfAndRespondWithin() {
        fixture.advanceWallClock(Duration.ofHours(5)); // the processing time, apart from event time
        fixture.pipe(subscription("acc-1", SubscriptionEventType.SUBSCRIPTION_STARTED, T0).build());
        fixture.pipe(subscription("acc-1", SubscriptionEventType.SEATS_REMOVED, days(1)).setMrrBefore(9900)
                .setMrrAfter(7900).build());
        fixture.pipe(nps("acc-1", "ann", 8, days(2)).build());

        AccountHealth health = fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList().get(0);
        assertThat(health.getAsOf()).isEqualTo(T0);
        assertThat(health.getComputedAt()).isEqualTo(T0.plus(Duration.ofHours(5)));
        assertThat(fixture.output(Topics.CONTRACTION_ALERTS, ContractionAlert.class).readValuesToList()).singleElement()
                .satisfies(alert -> assertThat(alert.getRespondWithinHours()).isEqualTo(24));
        assertThat(fixture.output(Topics.NPS_FOLLOWUPS, NpsFollowUp.class).readValuesToList()).singleElement()
                .satisfies(f -> assertThat(f.getFollowupId()).startsWith("acc-1/nps-responses/").endsWith("/PASSIVE"));
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Headers headers = record.headers();
        return headers.lastHeader(name) == null ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
