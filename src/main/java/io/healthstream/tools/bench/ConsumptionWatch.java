package io.healthstream.tools.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a consumer group through preloaded input: how many input records it has committed, sampled a few times a
 * second, until it has committed every one. Committed offsets, not what was fetched, so that a record counts only
 * once the application has processed it and (with exactly-once) committed its outputs.
 */
public final class ConsumptionWatch {
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    /** The steady rate leaves out the start (group join, restore, warm-up) and the tail (the last commit). */
    private static final double STEADY_FROM = 0.1;

    private static final double STEADY_TO = 0.9;
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String groupId;
    private final Collection<String> topics;
    private final Duration stallTimeout;

    /** {@code stallTimeout}: how long the group may go without committing anything more before the run fails. */
    public ConsumptionWatch(Admin admin, String groupId, Collection<String> topics, Duration stallTimeout) {
        this.admin = admin;
        this.groupId = groupId;
        this.topics = topics;
        this.stallTimeout = stallTimeout;
    }

    /** What a run consumed, in how long from its start, and its steady rate. */
    public record Consumption(long records, Duration elapsed, double steadyPerSecond) {}

    record Sample(long nanos, long committed) {}

    /** The records in the topics now: the end offsets summed (the bench's input has no transaction markers). */
    public long endOffsets() throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = partitions(admin, topics).stream()
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        return get(admin.listOffsets(latest).all()).values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    /** Waits until the group has committed {@code expected} records; {@code startNanos} is when the run began. */
    public Consumption awaitAll(long expected, long startNanos) throws InterruptedException {
        List<Sample> samples = new ArrayList<>();
        long lastProgress = System.nanoTime();
        long committed = committed();
        while (committed < expected) {
            Thread.sleep(SAMPLE_EVERY.toMillis());
            long now = System.nanoTime();
            long seen = committed();
            if (seen > committed) {
                lastProgress = now;
                samples.add(new Sample(now, seen));
            } else if (now - lastProgress > stallTimeout.toNanos()) {
                throw new IllegalStateException(groupId + " committed nothing for " + stallTimeout.toSeconds()
                        + " s at " + committed + " of " + expected + " records");
            }
            committed = seen;
        }
        long end = samples.isEmpty()
                ? System.nanoTime()
                : samples.get(samples.size() - 1).nanos();
        return new Consumption(
                committed,
                Duration.ofNanos(end - startNanos),
                samples.isEmpty() ? 0 : steadyRate(samples, expected, startNanos));
    }

    /**
     * Records per second between the samples that first passed 10 % and 90 % of the input; for an input so small that
     * one sample covers both, over the whole run.
     */
    static double steadyRate(List<Sample> samples, long expected, long startNanos) {
        Sample from = firstReaching(samples, (long) (expected * STEADY_FROM));
        Sample to = firstReaching(samples, (long) (expected * STEADY_TO));
        if (to.nanos() > from.nanos()) {
            return (to.committed() - from.committed()) * 1e9 / (to.nanos() - from.nanos());
        }
        Sample last = samples.get(samples.size() - 1);
        return last.committed() * 1e9 / Math.max(1, last.nanos() - startNanos);
    }

    private static Sample firstReaching(List<Sample> samples, long records) {
        return samples.stream()
                .filter(sample -> sample.committed() >= records)
                .findFirst()
                .orElseThrow();
    }

    private long committed() throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(Map.of(groupId, new ListConsumerGroupOffsetsSpec()))
                        .partitionsToOffsetAndMetadata(groupId));
        return offsets.entrySet().stream()
                .filter(entry -> entry.getValue() != null
                        && topics.contains(entry.getKey().topic()))
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }

    static List<TopicPartition> partitions(Admin admin, Collection<String> topics) throws InterruptedException {
        return get(admin.describeTopics(topics).allTopicNames()).values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .toList();
    }

    static <T> T get(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a Kafka admin call failed: " + e.getMessage(), e);
        }
    }
}
