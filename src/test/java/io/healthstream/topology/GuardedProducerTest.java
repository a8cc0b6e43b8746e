package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class GuardedProducerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final MockProducer<byte[], byte[]> kafka =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<Exception> callbackErrors = new ArrayList<>();

    @Test
    void anOrdinaryRecordGoesToTheProducer() {
        GuardedProducer producer = guarded(Map.of());

        producer.send(record(100, NOW.toEpochMilli()), (metadata, error) -> callbackErrors.add(error));

        assertThat(kafka.history()).hasSize(1);
        assertThat(callbackErrors).containsExactly((Exception) null);
    }

    @Test
    void aRecordLargerThanMaxRequestSizeIsRefusedThroughTheCallbackAndNeverReachesTheProducer() {
        GuardedProducer producer = guarded(Map.of("max.request.size", 10_000));

        Future<?> sent =
                producer.send(record(10_000, NOW.toEpochMilli()), (metadata, error) -> callbackErrors.add(error));

        assertThat(kafka.history()).isEmpty();
        assertThat(callbackErrors).singleElement().isInstanceOf(RecordTooLargeException.class);
        assertThatThrownBy(sent::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void theDefaultLimitIsKafkasOneMebibyte() {
        GuardedProducer producer = guarded(Map.of());

        assertThat(producer.refusal(record(1024 * 1024 - 200, null))).isNull();
        assertThat(producer.refusal(record(1024 * 1024, null))).isInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void aTimestampMoreThanAnHourAheadIsRefusedAsTheBrokerWould() {
        GuardedProducer producer = guarded(Map.of());

        assertThat(producer.refusal(record(10, NOW.plus(Duration.ofMinutes(58)).toEpochMilli())))
                .isNull();
        assertThat(producer.refusal(record(10, NOW.plus(Duration.ofDays(2)).toEpochMilli())))
                .isInstanceOf(InvalidTimestampException.class);
        assertThat(producer.refusal(
                        record(10, Instant.parse("2001-01-01T00:00:00Z").toEpochMilli())))
                .as("no lower bound by default")
                .isNull();
        assertThat(producer.refusal(record(10, null)))
                .as("stamped by the producer")
                .isNull();
    }

    @Test
    void theTimestampLimitsFollowTheTopicSettingsWhenGiven() {
        GuardedProducer producer = guarded(Map.of(
                GuardedProducer.TIMESTAMP_AFTER_MAX_MS,
                "600000",
                GuardedProducer.TIMESTAMP_BEFORE_MAX_MS,
                Duration.ofDays(7).toMillis()));

        assertThat(producer.refusal(record(10, NOW.plus(Duration.ofMinutes(15)).toEpochMilli())))
                .isInstanceOf(InvalidTimestampException.class);
        assertThat(producer.refusal(record(10, NOW.minus(Duration.ofDays(8)).toEpochMilli())))
                .isInstanceOf(InvalidTimestampException.class);
        assertThat(producer.refusal(record(10, NOW.minus(Duration.ofDays(6)).toEpochMilli())))
                .isNull();
    }

    private GuardedProducer guarded(Map<String, Object> config) {
        return new GuardedProducer(kafka, config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ProducerRecord<byte[], byte[]> record(int valueBytes, Long timestamp) {
        return new ProducerRecord<>("account-health", null, timestamp, "acc-1".getBytes(), new byte[valueBytes]);
    }
}
