package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testdata.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventTimeExtractorTest {
    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    private static final long PARTITION_TIME =
            Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    private static final EventTimeExtractor EXTRACTOR = new EventTimeExtractor(Duration.ofHours(1), NOW::toEpochMilli);

    @Test
    void anEventsTimeIsItsOccurredAt() {
        Instant at = Instant.parse("2026-03-02T09:00:00Z");

        assertThat(EXTRACTOR.extract(sentNow(Events.usage().at(at).avro()), PARTITION_TIME))
                .isEqualTo(at.toEpochMilli());
    }

    @Test
    void aTombstoneKeepsThePartitionsTimeInsteadOfMovingItToWhenItWasSent() {
        assertThat(EXTRACTOR.extract(sentNow(null), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
    }

    @Test
    void aTombstoneAtTheStartOfAPartitionMovesNoClock() {
        assertThat(EXTRACTOR.extract(sentNow(null), -1L)).isZero();
    }

    @Test
    void anEventFarAheadOfTheWallClockKeepsThePartitionsTime() {
        Object farAhead =
                Events.usage().at(Instant.parse("2099-01-01T00:00:00Z")).avro();

        assertThat(EXTRACTOR.extract(sentNow(farAhead), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
    }

    /** A record as a producer sends it now: its Kafka timestamp is the wall clock. */
    private static ConsumerRecord<Object, Object> sentNow(Object value) {
        return new ConsumerRecord<>(
                Topics.USAGE_EVENTS,
                0,
                0L,
                NOW.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                "acc-1",
                value,
                new RecordHeaders(),
                Optional.empty());
    }
}
