package io.healthstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.avro.UsageEvent;
import io.healthstream.topology.Topics;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SegmentMapperTest {
    private final SegmentMapper mapper =
            new SegmentMapper(Map.of("Checklist Item Completed", "onboarding_step_completed"));

    @Test
    @DisplayName("a track call is one usage event: messageId, context.groupId, userId, timestamp, count")
    void trackIsUsage() {
        IngestBatch batch = mapper.map(Fixtures.json("segment/track.json"));
        assertThat(batch.ignored()).isZero();
        assertThat(batch.events()).hasSize(1);
        IngestEvent event = batch.events().get(0);
        assertThat(event.topic()).isEqualTo(Topics.USAGE_EVENTS);
        assertThat(event.key()).isEqualTo("acc-segment");
        UsageEvent usage = (UsageEvent) event.value();
        assertThat(usage.getEventId()).isEqualTo("ajs-next-1793700000000-4f1c2a");
        assertThat(usage.getAccountId()).isEqualTo("acc-segment");
        assertThat(usage.getUserId()).isEqualTo("u-ada");
        assertThat(usage.getOccurredAt()).isEqualTo(Instant.parse("2026-11-03T09:00:00.500Z"));
        assertThat(usage.getAction()).isEqualTo("report_exported");
        assertThat(usage.getCount()).isEqualTo(3);
        assertThat(usage.getOnboardingStep()).isNull();
    }

    @Test
    @DisplayName("a batch maps its track calls and ignores identify, group and page, counting them")
    void batchIgnoresOtherCalls() {
        IngestBatch batch = mapper.map(Fixtures.json("segment/batch.json"));
        assertThat(batch.ignored()).isEqualTo(3);
        assertThat(batch.events())
                .extracting(event -> (UsageEvent) event.value())
                .extracting(
                        UsageEvent::getEventId,
                        UsageEvent::getAccountId,
                        UsageEvent::getUserId,
                        UsageEvent::getAction,
                        UsageEvent::getCount,
                        UsageEvent::getOnboardingStep,
                        UsageEvent::getOccurredAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "ajs-track-checklist-1",
                                "acc-batch",
                                "u-grace",
                                "onboarding_step_completed",
                                1,
                                "connect_api",
                                Instant.parse("2026-11-03T09:05:00Z")),
                        org.assertj.core.groups.Tuple.tuple(
                                "ajs-track-login-1",
                                "acc-batch",
                                "anon-77",
                                "logged_in",
                                1,
                                null,
                                Instant.parse("2026-11-03T10:07:00Z")));
    }

    @Test
    @DisplayName("event names map by the configured table, as sent or normalised, else to lower snake case")
    void actionNames() {
        SegmentMapper configured = new SegmentMapper(Map.of("Logged In", "login", "report_exported", "export"));
        assertThat(configured.action("Logged In")).isEqualTo("login");
        assertThat(configured.action("Report Exported")).isEqualTo("export");
        assertThat(configured.action("  Invite--Sent ")).isEqualTo("invite_sent");
    }

    @Test
    @DisplayName("a track call without an account is invalid and says where the account is looked for")
    void trackWithoutAccountIsInvalid() {
        assertThatThrownBy(() -> mapper.map(Fixtures.json("segment/track-without-account.json")))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("no account: set context.groupId or properties.account_id");
    }

    @Test
    @DisplayName("a negative or fractional count is invalid; in a batch the reason names the call")
    void badCountIsInvalid() {
        String batch =
                "{\"batch\":[{\"type\":\"identify\"},{\"type\":\"track\",\"event\":\"Login\",\"messageId\":\"m1\","
                        + "\"userId\":\"u\",\"context\":{\"groupId\":\"a\"},\"timestamp\":\"2026-11-03T09:00:00Z\","
                        + "\"properties\":{\"count\":-1}}]}";
        assertThatThrownBy(() -> mapper.map(IngestJson.read(batch.getBytes())))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("call 1: properties.count must be a whole number, 0 or more, got -1");
    }
}
