package io.healthstream.topology;

import static io.healthstream.topology.DeadLetterRecordsTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.serde.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnsendableRecordHandlerTest {
    private static final byte[] SOURCE_KEY = "acc-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SOURCE_VALUE = {0, 0, 0, 0, 1, 42};

    private final List<String> counted = new ArrayList<>();
    private final UnsendableRecordHandler handler = new UnsendableRecordHandler();

    UnsendableRecordHandlerTest() {
        handler.configure(Map.of(
                DeadLetterListener.CONFIG, (DeadLetterListener) (topic, reason) -> counted.add(topic + ":" + reason)));
    }

    static Stream<Arguments> unsendable() {
        return Stream.of(
                Arguments.of(
                        new RecordTooLargeException("The message is 2000089 bytes when serialized"),
                        "output-too-large"),
                Arguments.of(
                        new InvalidTimestampException("Timestamp 1772500000000 is out of range"),
                        "output-invalid-timestamp"),
                Arguments.of(
                        new InvalidRecordException("Timestamp of the record is out of range"),
                        "output-invalid-timestamp"),
                Arguments.of(
                        new KafkaException("Failed to append record because it was part of a batch which had one"
                                + " more more invalid records"),
                        "output-send-error"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsendable")
    void anUnsendableOutputRecordIsDeadLetteredWithItsReasonAndProcessingResumes(Exception exception, String reason) {
        ProducerRecord<byte[], byte[]> output = output(Topics.ACCOUNT_HEALTH, 300);

        Response response = handler.handleError(
                TestErrorContext.processing(Topics.USAGE_EVENTS, 12, null, null), output, exception);

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(Topics.DEAD_LETTER);
            assertThat(dead.key()).isEqualTo(output.key());
            assertThat(dead.value()).isEqualTo(output.value());
            assertThat(header(dead.headers(), DeadLetterRecords.REASON)).isEqualTo(reason);
            assertThat(header(dead.headers(), DeadLetterRecords.OUTPUT_TOPIC)).isEqualTo(Topics.ACCOUNT_HEALTH);
            assertThat(header(dead.headers(), DeadLetterRecords.TOPIC)).isEqualTo(Topics.USAGE_EVENTS);
            assertThat(header(dead.headers(), DeadLetterRecords.OFFSET)).isEqualTo("12");
            assertThat(header(dead.headers(), DeadLetterRecords.EXCEPTION))
                    .isEqualTo(exception.getClass().getName());
            assertThat(dead.timestamp()).isNull();
        });
        assertThat(counted).containsExactly("usage-events:" + reason);
    }

    @Test
    void anOversizedOutputRecordIsDeadLetteredCutToAPrefix() {
        ProducerRecord<byte[], byte[]> output = output(Topics.ACCOUNT_HEALTH, 3_000_000);

        Response response = handler.handleError(
                TestErrorContext.processing(Topics.USAGE_EVENTS, 0, null, null),
                output,
                new RecordTooLargeException("too large"));

        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(header(dead.headers(), DeadLetterRecords.TRUNCATED)).isEqualTo("3000000");
            assertThat(dead.value()).hasSizeLessThan(1024 * 1024);
        });
    }

    @Test
    void aRecordFromAPunctuatorIsDeadLetteredFromPunctuation() {
        Response response = handler.handleError(
                TestErrorContext.punctuation(), output(Topics.SAAS_KPIS, 10), new RecordTooLargeException("too large"));

        assertThat(response.deadLetterQueueRecords())
                .singleElement()
                .satisfies(dead -> assertThat(header(dead.headers(), DeadLetterRecords.TOPIC))
                        .isEqualTo("punctuation"));
        assertThat(counted).containsExactly("punctuation:output-too-large");
    }

    @Test
    void anUnserializableOutputIsDeadLetteredWithTheInputRecordThatLedToIt() {
        ProducerRecord<String, Object> unserializable =
                new ProducerRecord<>(Topics.CHURN_SIGNALS, "acc-1", new Object());

        Response response = handler.handleSerializationError(
                TestErrorContext.processing(Topics.NPS_RESPONSES, 4, SOURCE_KEY, SOURCE_VALUE),
                unserializable,
                new SerializationException("cannot write field mrr"),
                SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo(SOURCE_KEY);
            assertThat(dead.value()).isEqualTo(SOURCE_VALUE);
            assertThat(header(dead.headers(), DeadLetterRecords.REASON)).isEqualTo("output-serialization-error");
            assertThat(header(dead.headers(), DeadLetterRecords.OUTPUT_TOPIC)).isEqualTo(Topics.CHURN_SIGNALS);
            assertThat(header(dead.headers(), DeadLetterRecords.MESSAGE)).isEqualTo("cannot write field mrr");
        });
        assertThat(counted).containsExactly("nps-responses:output-serialization-error");
    }

    @Test
    @DisplayName(
            "an output whose schema the registry cannot register while it is down fails, to be retried, not dead-lettered")
    void aRegistryOutageWhileWritingFailsInsteadOfDeadLettering() {
        ProducerRecord<String, Object> valid = new ProducerRecord<>(Topics.CHURN_SIGNALS, "acc-1", new Object());

        Response response = handler.handleSerializationError(
                TestErrorContext.processing(Topics.NPS_RESPONSES, 4, SOURCE_KEY, SOURCE_VALUE),
                valid,
                new SerializationException(
                        "Schema registry failed for subject churn-signals-value",
                        new SchemaRegistryException(
                                0, SchemaRegistryException.NO_ERROR_CODE, "POST /subjects failed: Connection refused")),
                SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(counted).isEmpty();
    }

    @Test
    void aDeadLetterThatCannotBeSentEitherIsSkippedAndCountedNotDeadLetteredAgain() {
        Response response = handler.handleError(
                TestErrorContext.processing(Topics.USAGE_EVENTS, 0, null, null),
                output(Topics.DEAD_LETTER, 10),
                new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(counted).containsExactly("usage-events:dlq-unsendable");
    }

    @Test
    void aStoreUpdateThatCannotBeLoggedIsSkippedAndCountedBecauseItHasNoContextToDeadLetterFrom() {
        Response response = handler.handleError(
                TestErrorContext.changelog(),
                output("healthstream-accounts-changelog", 10),
                new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(counted).containsExactly("healthstream-accounts-changelog:changelog-unsendable");
    }

    @Test
    void retriableErrorsKeepKafkaStreamsDefaultAndAreRetriedNotDeadLettered() {
        for (Exception retriable : List.of(new TimeoutException("expired"), new NotEnoughReplicasException("isr"))) {
            Response response = handler.handleError(
                    TestErrorContext.processing(Topics.USAGE_EVENTS, 0, null, null),
                    output(Topics.ACCOUNT_HEALTH, 10),
                    retriable);

            assertThat(response.result()).isEqualTo(Result.RETRY);
            assertThat(response.deadLetterQueueRecords()).isEmpty();
        }
        assertThat(counted).isEmpty();
    }

    private static ProducerRecord<byte[], byte[]> output(String topic, int valueBytes) {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'v');
        return new ProducerRecord<>(topic, null, 1_772_323_200_000L, "acc-1".getBytes(StandardCharsets.UTF_8), value);
    }
}
