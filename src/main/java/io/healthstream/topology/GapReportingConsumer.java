package io.healthstream.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
 *
 * <p>The log start offsets come from an admin client of their own, never from this consumer: a
 * read_committed consumer takes any offset it looks up for an assigned partition as that partition's last
 * stable offset, so {@code beginningOffsets} here made every input partition look caught up (lag 0) until its
 * first fetch. Kafka Streams then stopped waiting for those partitions after {@code max.task.idle.ms} and let
 * the task's other topics run ahead in event time (FuzzIT, README "Reliability").
 */
final class GapReportingConsumer extends KafkaConsumer<byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(GapReportingConsumer.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final RetentionGapListener listener;
    private final Map<String, Object> adminConfig;

    GapReportingConsumer(Map<String, Object> config) {
        super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.listener = RetentionGapListener.of(config);
        this.adminConfig = adminConfig(config);
    }

    /** The consumer's connection and security settings, under a client id of their own. */
    private static Map<String, Object> adminConfig(Map<String, Object> consumerConfig) {
        Map<String, Object> admin = new HashMap<>();
        consumerConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        admin.put(
                AdminClientConfig.CLIENT_ID_CONFIG,
                consumerConfig.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "healthstream") + "-log-start");
        return admin;
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
            logStarts = logStartOffsets(positions.keySet());
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            LOG.warn(
                    "Positions {} are not in the log; could not look up how much was deleted ({})",
                    positions,
                    e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private Map<TopicPartition, Long> logStartOffsets(Set<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(adminConfig)) {
            Map<TopicPartition, ListOffsetsResultInfo> earliest = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.earliest())))
                    .all()
                    .get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return earliest.entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }
}
