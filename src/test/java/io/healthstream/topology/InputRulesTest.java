package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.HealthDriver;
import io.healthstream.avro.NpsFollowUp;
import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.TicketStage;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        return fixture.deadLetters().readRecordsToList().stream()
                .map(r -> header(r, DeadLetterRecords.REASON))
                .toList();
    }

    @Test
    @DisplayName("an event dated 2099 is dead-lettered and moves no clock: no other account decays or goes inactive")
    void farFutureEventIsDeadLetteredAndMovesNoClock() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account("acc-3")
                .at(T0)
                .avro());
        fixture.pipe(Events.usage()
                .account("acc-3")
                .action("login")
                .count(50)
                .at(days(0.1))
                .avro());
        fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList();

        fixture.pipe(Events.usage()
                .account("acc-1")
                .action("login")
                .count(1)
                .at(Instant.parse("2099-01-01T00:00:00Z"))
                .avro());
        fixture.pipe(Events.usage()
                .account("acc-2")
                .action("login")
                .count(1)
                .at(days(1))
                .avro());

        assertThat(deadLetterReasons()).containsExactly("occurred-at-in-future");
        assertThat(fixture.output(Topics.CHURN_SIGNALS, ChurnSignal.class).readValuesToList())
                .isEmpty();
        assertThat(fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList())
                .extracting(AccountHealth::getAccountId)
                .containsExactly("acc-2");
    }

    @Test
    @DisplayName("an event up to input.max-future-skew ahead of the wall clock is accepted")
    void eventWithinTheAllowedSkewIsAccepted() {
        Instant soon = Instant.now().plus(Duration.ofMinutes(30));
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account("acc-1")
                .at(soon)
                .avro());

        assertThat(deadLetterReasons()).isEmpty();
        assertThat(fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList())
                .hasSize(1);
    }

    @Test
    @DisplayName("a pre-1970 event that is the first record of its topic is dead-lettered, not silently dropped")
    void preEpochEventFirstInItsTopicIsDeadLettered() {
        UsageEvent old = Events.usage()
                .account("acc-1")
                .action("login")
                .count(1)
                .at(Instant.parse("1969-12-31T23:59:00Z"))
                .avro();
        fixture.pipe("acc-1", old, old.getOccurredAt());

        assertThat(deadLetterReasons()).containsExactly("invalid-occurred-at");
    }

    @Test
    @DisplayName("an account_id longer than input.max-id-length is dead-lettered before any state is touched")
    void overlongIdIsDeadLettered() {
        String huge = "a".repeat(600_000);
        fixture.pipe(
                Events.usage().account(huge).action("login").count(1).at(T0).avro());
        fixture.pipe(Events.usage()
                .account("acc-1")
                .action("login")
                .count(1)
                .at(T0)
                .user("u".repeat(129))
                .avro());

        assertThat(fixture.deadLetters().readRecordsToList())
                .satisfiesExactly(
                        first -> {
                            assertThat(header(first, DeadLetterRecords.REASON)).isEqualTo("id-too-long");
                            assertThat(header(first, DeadLetterRecords.MESSAGE))
                                    .contains("account_id is 600000 characters")
                                    .hasSizeLessThan(300);
                        },
                        second -> assertThat(header(second, DeadLetterRecords.MESSAGE))
                                .contains("user_id is 129 characters"));
        assertThat(fixture.store(StoreNames.ACCOUNTS).approximateNumEntries()).isZero();
    }

    @Test
    @DisplayName("a record whose key is not its account_id is dead-lettered: its account's state would split")
    void keyOtherThanTheAccountIdIsDeadLettered() {
        fixture.pipe(
                "acc-2",
                Events.usage().account("acc-1").action("login").count(1).at(T0).avro(),
                T0);

        assertThat(deadLetterReasons()).containsExactly("key-mismatch");
    }

    @Test
    @DisplayName("two accounts using the same event id both count, and their records get different ids")
    void sameEventIdInTwoAccountsIsTwoEvents() {
        fixture.pipe(Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account("acc-1")
                .at(T0)
                .id("e-1")
                .avro());
        fixture.pipe(Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account("acc-2")
                .at(T0)
                .id("e-1")
                .avro());

        assertThat(fixture.output(Topics.CHURN_SIGNALS, ChurnSignal.class).readValuesToList())
                .extracting(ChurnSignal::getSignalId)
                .filteredOn(id -> id.endsWith("/PAYMENT_FAILED"))
                .containsExactly(
                        "acc-1/subscription-events/e-1/PAYMENT_FAILED", "acc-2/subscription-events/e-1/PAYMENT_FAILED");
        assertThat(fixture.listener().duplicates).isEmpty();
    }

    @Test
    @DisplayName("a login delivered again 20 days later is counted once, through the topology and its store")
    void lateDuplicateIsCountedOnce() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account("acc-1")
                .at(T0)
                .avro());
        UsageEvent login = Events.usage()
                .account("acc-1")
                .action("login")
                .count(40)
                .at(days(1))
                .avro();
        fixture.pipe(login);
        fixture.pipe(Events.usage()
                .account("acc-1")
                .action("report_viewed")
                .count(10)
                .at(days(20))
                .avro());
        List<AccountHealth> before =
                fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList();

        fixture.pipe(login);

        assertThat(fixture.listener().duplicates).containsExactly(Topics.USAGE_EVENTS);
        assertThat(fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList())
                .isEmpty();
        assertThat(before.get(before.size() - 1).getComponents().getUsage()).isEqualTo(50.0);
    }

    @Test
    @DisplayName("with an open ticket the drivers add up to the score: 40 + 14 + 9 + 6 = 69")
    void driversAddUpToTheScore() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account("acc-1")
                .at(T0)
                .avro());
        fixture.pipe(Events.usage()
                .account("acc-1")
                .action("login")
                .count(100)
                .at(days(0.1))
                .avro());
        fixture.pipe(Events.nps(9).account("acc-1").user("ann").at(days(0.2)).avro());
        fixture.pipe(Events.ticket("T-1")
                .account("acc-1")
                .stage(TicketStage.OPENED)
                .priority(Priority.URGENT)
                .at(days(0.3))
                .avro());
        fixture.pipe(Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account("acc-1")
                .at(days(0.4))
                .avro());

        List<AccountHealth> records =
                fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList();
        AccountHealth last = records.get(records.size() - 1);
        assertThat(last.getScore()).isEqualTo(69.0);
        assertThat(last.getDrivers()).extracting(HealthDriver::getPoints).containsExactly(40.0, 14.0, 9.0, 6.0);
    }

    @Test
    @DisplayName(
            "records carry as_of (event time) apart from computed_at (processing time); alerts say how soon to respond")
    void recordsCarryAsOfAndRespondWithin() {
        fixture.advanceWallClock(Duration.ofHours(5)); // the processing time, apart from event time
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account("acc-1")
                .at(T0)
                .avro());
        fixture.pipe(Events.subscription(SubscriptionChange.SEATS_REMOVED)
                .account("acc-1")
                .at(days(1))
                .mrrBefore(9900)
                .mrrAfter(7900)
                .avro());
        fixture.pipe(Events.nps(8).account("acc-1").user("ann").at(days(2)).avro());

        AccountHealth health = fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class)
                .readValuesToList()
                .get(0);
        assertThat(health.getAsOf()).isEqualTo(T0);
        assertThat(health.getComputedAt()).isEqualTo(T0.plus(Duration.ofHours(5)));
        assertThat(fixture.output(Topics.CONTRACTION_ALERTS, ContractionAlert.class)
                        .readValuesToList())
                .singleElement()
                .satisfies(alert -> assertThat(alert.getRespondWithinHours()).isEqualTo(24));
        assertThat(fixture.output(Topics.NPS_FOLLOWUPS, NpsFollowUp.class).readValuesToList())
                .singleElement()
                .satisfies(f -> assertThat(f.getFollowupId())
                        .startsWith("acc-1/nps-responses/")
                        .endsWith("/PASSIVE"));
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Headers headers = record.headers();
        return headers.lastHeader(name) == null
                ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
