package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.HealthOverride;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input goes to healthstream-dlq with the reason in headers, is counted, and never stops the engine. */
class DeadLetterTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyHarness fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyHarness(Map.of(), T0, stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    static Stream<Arguments> invalidEvents() {
        return Stream.of(
                Arguments.of(Events.override().id(" ").avro(), "missing-event-id", Topics.HEALTH_OVERRIDES),
                Arguments.of(overrideWithBandAndScore(), "invalid-override", Topics.HEALTH_OVERRIDES),
                Arguments.of(
                        Events.override()
                                .expiresAt(T0.plus(Duration.ofDays(91)))
                                .avro(),
                        "invalid-override",
                        Topics.HEALTH_OVERRIDES),
                Arguments.of(Events.override().reason(" ").avro(), "invalid-override", Topics.HEALTH_OVERRIDES),
                Arguments.of(
                        Events.usage()
                                .account("")
                                .action("login")
                                .count(1)
                                .at(T0)
                                .avro(),
                        "missing-account-id",
                        Topics.USAGE_EVENTS),
                Arguments.of(
                        Events.usage()
                                .account("acc-1")
                                .action("login")
                                .count(1)
                                .at(T0)
                                .id(" ")
                                .avro(),
                        "missing-event-id",
                        Topics.USAGE_EVENTS),
                Arguments.of(
                        Events.nps(11).account("acc-1").user("u").at(T0).avro(),
                        "invalid-nps-score",
                        Topics.NPS_RESPONSES),
                Arguments.of(
                        Events.nps(-1).account("acc-1").user("u").at(T0).avro(),
                        "invalid-nps-score",
                        Topics.NPS_RESPONSES),
                Arguments.of(
                        Events.usage()
                                .account("acc-1")
                                .action("login")
                                .count(-3)
                                .at(T0)
                                .avro(),
                        "negative-count",
                        Topics.USAGE_EVENTS),
                Arguments.of(
                        Events.usage()
                                .account("acc-1")
                                .action("login")
                                .count(1)
                                .at(Instant.ofEpochMilli(-5))
                                .avro(),
                        "invalid-occurred-at",
                        Topics.USAGE_EVENTS),
                Arguments.of(
                        Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                                .account("acc-1")
                                .at(T0)
                                .mrrAfter(-100)
                                .avro(),
                        "negative-mrr",
                        Topics.SUBSCRIPTION_EVENTS));
    }

    private static HealthOverride overrideWithBandAndScore() {
        HealthOverride both = Events.override().score(80).avro();
        both.setBand(HealthBand.GREEN);
        return both;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidEvents")
    void invalidEventGoesToTheDeadLetterTopicWithItsReason(SpecificRecord event, String reason, String topic) {
        fixture.pipe(event);

        List<TestRecord<String, byte[]>> dead = fixture.deadLetters().readRecordsToList();
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(header(record.headers(), DeadLetterRecords.REASON)).isEqualTo(reason);
            assertThat(header(record.headers(), DeadLetterRecords.TOPIC)).isEqualTo(topic);
            assertThat(header(record.headers(), DeadLetterRecords.PARTITION)).isEqualTo("0");
            assertThat(header(record.headers(), DeadLetterRecords.OFFSET)).isEqualTo("0");
            assertThat(header(record.headers(), DeadLetterRecords.MESSAGE)).isNotBlank();
            assertThat(record.value()).isNotEmpty();
        });
        assertThat(fixture.deadLettered()).containsExactly(reason);
        assertThat(fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList())
                .isEmpty();
    }

    @Test
    void undeserializableBytesGoToTheDeadLetterTopicAndProcessingGoesOn() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        fixture.rawInput(Topics.USAGE_EVENTS).pipeInput("acc-1", garbage, T0);
        fixture.pipe(Events.usage()
                .account("acc-1")
                .action("login")
                .count(10)
                .at(T0.plusSeconds(60))
                .avro());

        assertThat(fixture.deadLetters().readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(header(record.headers(), DeadLetterRecords.REASON)).isEqualTo("deserialization-error");
            assertThat(header(record.headers(), DeadLetterRecords.MESSAGE)).contains("magic byte");
            assertThat(record.value()).isEqualTo(garbage);
        });
        assertThat(fixture.deadLettered()).containsExactly("deserialization-error");
        assertThat(fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList())
                .hasSize(1);
    }

    @Test
    @DisplayName("an event with a 1 MB account id still reaches the dead-letter topic, cut to fit max.request.size")
    void aOneMegabyteAccountIdStillReachesTheDeadLetterTopicCutToSize() {
        String hugeAccountId = "a".repeat(1024 * 1024);
        fixture.pipe(Events.usage()
                .account(hugeAccountId)
                .action("login")
                .count(1)
                .at(T0)
                .avro());

        assertThat(fixture.deadLetters().readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(header(record.headers(), DeadLetterRecords.REASON)).isEqualTo("id-too-long");
            assertThat(Integer.parseInt(header(record.headers(), DeadLetterRecords.TRUNCATED)))
                    .isGreaterThan(1024 * 1024);
            assertThat(header(record.headers(), DeadLetterRecords.KEY_TRUNCATED))
                    .isEqualTo("1048576");
            assertThat(DeadLetterRecords.estimatedSize(
                            record.key().getBytes(StandardCharsets.UTF_8), record.value(), record.headers()))
                    .isLessThanOrEqualTo(1024 * 1024);
        });
        assertThat(fixture.deadLettered()).containsExactly("id-too-long");
    }

    @Test
    void validEventsAfterABadOneAreStillScored() {
        fixture.pipe(Events.nps(42).account("acc-1").user("u").at(T0).avro());
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account("acc-1")
                .at(T0.plusSeconds(1))
                .avro());
        assertThat(fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class).readValuesToList())
                .hasSize(1);
    }

    private static String header(Headers headers, String name) {
        return headers.lastHeader(name) == null
                ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
