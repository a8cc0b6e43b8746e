package io.healthstream.topology;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' main consumer, saying loudly when its position jumps past records the broker deleted
 * before they were read. Streams runs it with {@code auto.offset.reset=none} and, on the exception
 * that follows a missing or out-of-range position, seeks to the earliest offset (the topology's policy)
 * without a word; this consumer sees that exception first, compares the position with the log start
 * offset, logs one WARN per partition and counts the skipped offsets, then lets Streams reset.
 */
final class GapReportingConsumer extends KafkaConsumer<byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(GapReportingConsumer.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final RetentionGapListener listener;

    GapReportingConsumer(Map<String, Object> config) {
        super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.listener = RetentionGapListener.of(config);
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        try {
            return super.poll(timeout);
        } catch (OffsetOutOfRangeException e) {
            report(e.offsetOutOfRangePartitions(), true);
            throw e;
        } catch (NoOffsetForPartitionException e) {
            // A first start reads from offset 0: anything before the log start was deleted unread.
            report(e.partitions().stream().collect(Collectors.toMap(Function.identity(), partition -> 0L)), false);
            throw e;
        }
    }

    private void report(Map<TopicPartition, Long> positions, boolean outOfRange) {
        Map<TopicPartition, Long> logStarts;
        try {
            logStarts = beginningOffsets(positions.keySet(), LOOKUP_TIMEOUT);
        } catch (KafkaException e) {
            LOG.warn(
                    "Positions {} are not in the log; could not look up how much was deleted ({})",
                    positions,
                    e.toString());
            return;
        }
        positions.forEach((partition, position) -> {
            long logStart = logStarts.getOrDefault(partition, position);
            if (logStart > position) {
                LOG.warn(
                        "{}: offsets {} to {} were deleted by retention before healthstream read them; {} records"
                                + " skipped, processing goes on from offset {}. Keep input topics longer"
                                + " (topics.input.retention.days)",
                        partition,
                        position,
                        logStart - 1,
                        logStart - position,
                        logStart);
                listener.skippedByRetention(partition.topic(), logStart - position);
            } else if (outOfRange) {
                LOG.warn(
                        "{}: the position {} is past the end of the log (was the topic recreated?);"
                                + " processing starts again from offset {}",
                        partition,
                        position,
                        logStart);
            }
        });
    }
}
