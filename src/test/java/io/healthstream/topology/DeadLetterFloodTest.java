package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testdata.Events;
import io.healthstream.testsupport.LogCapture;
import io.healthstream.topology.testdata.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Defect 9 of issue 13: 2,000 bad records write a handful of log lines, one per reason and interval,
 * with the counts in a summary line, never a full schema or a message ending in ": null".
 */
class DeadLetterFloodTest {
    private static final int LINE_BUDGET = 8;
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    /** A wall clock that moves only when told. */
    private static final class StoppedClock extends Clock {
        private Instant now = Events.T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    @DisplayName("2,000 dead letters log one line per reason and one summary line with the count")
    void aThousandBadRecordsOfTwoKindsLogFourLines() {
        StoppedClock clock = new StoppedClock();
        DeadLetterLog deadLetterLog = new DeadLetterLog(clock, INTERVAL);
        List<String> lines;
        try (LogCapture logs = LogCapture.start();
                TopologyHarness harness = new TopologyHarness(Map.of(), Events.T0, deadLetterLog)) {
            TestInputTopic<String, byte[]> usage = harness.rawInput(Topics.USAGE_EVENTS);
            Random random = new Random(9);
            for (int i = 0; i < 1_000; i++) {
                byte[] garbage = new byte[1 + random.nextInt(64)];
                random.nextBytes(garbage);
                usage.pipeInput("acc-" + i, garbage, Events.T0);
                harness.pipe(Events.nps(11).account("acc-" + i).at(Events.T0).avro());
            }
            assertThat(harness.deadLettered()).hasSize(2_000);
            List<String> beforeSummary = List.copyOf(logs.lines());

            clock.advance(INTERVAL);
            deadLetterLog.flushDue();
            lines = logs.lines();

            assertThat(beforeSummary)
                    .filteredOn(line -> line.contains("sent to healthstream-dlq"))
                    .hasSize(2);
        }
        assertThat(lines)
                .hasSizeLessThanOrEqualTo(LINE_BUDGET)
                .contains(
                        "WARN io.healthstream.topology.DeadLetterLog - 999 more records dead-lettered with reason"
                                + " deserialization-error since 2026-03-01T00:00:00Z (only the first was logged; see"
                                + " the healthstream-dlq headers and healthstream_dlq_records_total)",
                        "WARN io.healthstream.topology.DeadLetterLog - 999 more records dead-lettered with reason"
                                + " invalid-nps-score since 2026-03-01T00:00:00Z (only the first was logged; see"
                                + " the healthstream-dlq headers and healthstream_dlq_records_total)")
                .allSatisfy(line -> {
                    assertThat(line).doesNotEndWith(": null").doesNotContain("\"type\":\"record\"");
                    assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThan(600);
                });
    }
}
