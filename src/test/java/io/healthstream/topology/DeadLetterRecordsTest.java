package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {
    private static final int ONE_MIB = 1024 * 1024;

    private final List<String> counted = new ArrayList<>();
    private final DeadLetterListener listener = (topic, reason) -> counted.add(topic + ":" + reason);
    private final DeadLetterRecords deadLetters = new DeadLetterRecords(listener, ONE_MIB);

    @Test
    void aSmallRecordKeepsItsBytesAndSaysWhereItCameFrom() {
        byte[] key = bytes(5, 'k');
        byte[] value = bytes(100, 'v');

        List<ProducerRecord<byte[], byte[]>> dead = deadLetters.deadLetter(
                TestErrorContext.processing(Topics.USAGE_EVENTS, 7, key, value),
                Topics.USAGE_EVENTS,
                key,
                value,
                "negative-count",
                new InvalidEventException("negative-count", "count is -3"),
                null);

        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.DEAD_LETTER);
            assertThat(record.key()).isEqualTo(key);
            assertThat(record.value()).isEqualTo(value);
            assertThat(header(record.headers(), DeadLetterRecords.REASON)).isEqualTo("negative-count");
            assertThat(header(record.headers(), DeadLetterRecords.TOPIC)).isEqualTo(Topics.USAGE_EVENTS);
            assertThat(header(record.headers(), DeadLetterRecords.OFFSET)).isEqualTo("7");
            assertThat(header(record.headers(), DeadLetterRecords.SOURCE_TIMESTAMP))
                    .isEqualTo("1772323200000");
            assertThat(record.headers().lastHeader(DeadLetterRecords.TRUNCATED)).isNull();
            assertThat(record.timestamp())
                    .as("stamped by the producer when written")
                    .isNull();
        });
        assertThat(counted).containsExactly("usage-events:negative-count");
    }

    @Test
    @DisplayName("a 2 MB value is cut to a prefix that fits max.request.size, and the header gives its size")
    void anOversizedValueIsCutToAPrefixThatFits() {
        byte[] value = bytes(2_000_000, 'v');

        ProducerRecord<byte[], byte[]> record = deadLetters
                .deadLetter(
                        TestErrorContext.processing(Topics.USAGE_EVENTS, 0, null, value),
                        Topics.USAGE_EVENTS,
                        null,
                        value,
                        "processing-error",
                        new IllegalStateException("boom"),
                        null)
                .get(0);

        assertThat(header(record.headers(), DeadLetterRecords.TRUNCATED)).isEqualTo("2000000");
        assertThat(record.value()).isEqualTo(Arrays.copyOf(value, record.value().length));
        assertThat(DeadLetterRecords.estimatedSize(record.key(), record.value(), record.headers()))
                .isLessThanOrEqualTo(ONE_MIB - DeadLetterRecords.FRAMING_HEADROOM)
                .isGreaterThan(ONE_MIB - 2L * DeadLetterRecords.FRAMING_HEADROOM);
    }

    @Test
    @DisplayName("a 1 MB key and value both give way, each to a prefix, with both sizes in headers")
    void anOversizedKeyIsCutTooWhenItAloneWouldTakeMostOfTheRoom() {
        byte[] key = bytes(ONE_MIB, 'a');
        byte[] value = bytes(ONE_MIB + 30, 'v');

        ProducerRecord<byte[], byte[]> record = deadLetters
                .deadLetter(
                        TestErrorContext.processing(Topics.USAGE_EVENTS, 0, key, value),
                        Topics.USAGE_EVENTS,
                        key,
                        value,
                        "missing-event-id",
                        new InvalidEventException(
                                "missing-event-id",
                                "event_id is missing (account " + new String(key, StandardCharsets.UTF_8) + ")"),
                        null)
                .get(0);

        assertThat(header(record.headers(), DeadLetterRecords.KEY_TRUNCATED)).isEqualTo(Integer.toString(ONE_MIB));
        assertThat(header(record.headers(), DeadLetterRecords.TRUNCATED)).isEqualTo(Integer.toString(ONE_MIB + 30));
        assertThat(record.key().length).isGreaterThan(ONE_MIB / 3);
        assertThat(record.value().length).isGreaterThan(ONE_MIB / 3);
        assertThat(header(record.headers(), DeadLetterRecords.MESSAGE)).hasSizeLessThan(1100);
        assertThat(DeadLetterRecords.estimatedSize(record.key(), record.value(), record.headers()))
                .isLessThanOrEqualTo(ONE_MIB - DeadLetterRecords.FRAMING_HEADROOM);
    }

    @Test
    void withoutACurrentRecordTheHeadersAndTheMetricSayPunctuation() {
        List<ProducerRecord<byte[], byte[]>> dead = deadLetters.deadLetter(
                TestErrorContext.punctuation(),
                DeadLetterRecords.sourceTopic(TestErrorContext.punctuation()),
                null,
                null,
                "processing-error",
                new IllegalStateException("punctuator failed"),
                null);

        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(header(record.headers(), DeadLetterRecords.TOPIC)).isEqualTo("punctuation");
            assertThat(header(record.headers(), DeadLetterRecords.PARTITION)).isEqualTo("-1");
            assertThat(header(record.headers(), DeadLetterRecords.OFFSET)).isEqualTo("-1");
            assertThat(record.key()).isNull();
            assertThat(record.value()).isNull();
        });
        assertThat(counted).containsExactly("punctuation:processing-error");
    }

    @Test
    void aContextWithoutTimestampGivesNoTimestampHeader() {
        ProducerRecord<byte[], byte[]> record = deadLetters.build(
                TestErrorContext.changelog(),
                null,
                bytes(3, 'v'),
                "output-too-large",
                new IllegalStateException("x"),
                "out");

        assertThat(record.headers().lastHeader(DeadLetterRecords.SOURCE_TIMESTAMP))
                .isNull();
        assertThat(header(record.headers(), DeadLetterRecords.OUTPUT_TOPIC)).isEqualTo("out");
    }

    @Test
    void aDeadLetterThatCannotBeMadeSmallEnoughIsSkippedAndCountedAsUnsendable() {
        DeadLetterRecords tiny = new DeadLetterRecords(listener, DeadLetterRecords.FRAMING_HEADROOM + 200);

        List<ProducerRecord<byte[], byte[]>> dead = tiny.deadLetter(
                TestErrorContext.processing(Topics.USAGE_EVENTS, 0, null, null),
                Topics.USAGE_EVENTS,
                null,
                bytes(10, 'v'),
                "negative-count",
                new InvalidEventException("negative-count", "count is -3"),
                null);

        assertThat(dead).isEmpty();
        assertThat(counted).containsExactly("usage-events:dlq-unsendable");
    }

    @Test
    void aFailingListenerDoesNotFailTheHandler() {
        DeadLetterRecords failing = new DeadLetterRecords(
                (topic, reason) -> {
                    throw new NullPointerException("tag value");
                },
                ONE_MIB);

        assertThatNoException()
                .isThrownBy(() -> failing.deadLetter(
                        TestErrorContext.punctuation(),
                        null,
                        null,
                        null,
                        "processing-error",
                        new IllegalStateException("x"),
                        null));
    }

    @Test
    void theSizeLimitComesFromTheProducerSettingThePrefixedOneFirst() {
        assertThat(DeadLetterRecords.maxRequestSize(Map.of())).isEqualTo(ONE_MIB);
        assertThat(DeadLetterRecords.maxRequestSize(Map.of("max.request.size", "2097152")))
                .isEqualTo(2_097_152);
        assertThat(DeadLetterRecords.maxRequestSize(
                        Map.of("max.request.size", 2_097_152, "producer.max.request.size", "500000")))
                .isEqualTo(500_000);
    }

    private static byte[] bytes(int length, char fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    static String header(Headers headers, String name) {
        return headers.lastHeader(name) == null
                ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
