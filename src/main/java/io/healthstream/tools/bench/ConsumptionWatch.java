package io.healthstream.tools.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Optional<ProcessHandle> broker;

    /**
     * {@code stallTimeout}: how long the group may go without committing anything more before the run fails;
     * {@code broker}: the broker's process, when it runs on this machine, for its CPU time.
     */
    public ConsumptionWatch(
            Admin admin,
            String groupId,
            Collection<String> topics,
            Duration stallTimeout,
            Optional<ProcessHandle> broker) {
        this.admin = admin;
        this.groupId = groupId;
        this.topics = topics;
        this.stallTimeout = stallTimeout;
        this.broker = broker;
    }

    /**
     * What a run consumed, in how long from its start, its steady rate, and the CPU time per million records
     * this process and the broker (-1 if unknown) took over the same steady window.
     */
    public record Consumption(
            long records,
            Duration elapsed,
            double steadyPerSecond,
            double cpuSecondsPerMillion,
            double brokerCpuSecondsPerMillion) {}

    record Sample(long nanos, long committed, long cpuNanos, long brokerCpuNanos) {
        Sample(long nanos, long committed) {
            this(nanos, committed, 0, 0);
        }
    }

    /** The records in the topics now: the end offsets summed (the bench's input has no transaction markers). */
    public static long endOffsets(Admin admin, Collection<String> topics) throws InterruptedException {
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
        samples.add(sample(startNanos, 0));
        while (committed < expected) {
            Thread.sleep(SAMPLE_EVERY.toMillis());
            long now = System.nanoTime();
            long seen = committed();
            if (seen > committed) {
                lastProgress = now;
                samples.add(sample(now, seen));
            } else if (now - lastProgress > stallTimeout.toNanos()) {
                throw new IllegalStateException(groupId + " committed nothing for " + stallTimeout.toSeconds()
                        + " s at " + committed + " of " + expected + " records");
            }
            committed = seen;
        }
        Sample[] window = steadyWindow(samples, expected);
        Sample from = window[0];
        Sample to = window[1];
        double records = Math.max(1, to.committed() - from.committed());
        return new Consumption(
                committed,
                Duration.ofNanos(samples.get(samples.size() - 1).nanos() - startNanos),
                steadyRate(samples, expected),
                (to.cpuNanos() - from.cpuNanos()) / 1e3 / records,
                broker.isEmpty() ? -1 : (to.brokerCpuNanos() - from.brokerCpuNanos()) / 1e3 / records);
    }

    private Sample sample(long nanos, long committed) {
        return new Sample(
                nanos,
                committed,
                ProcessMeter.cpuTime().toNanos(),
                broker.flatMap(process -> process.info().totalCpuDuration())
                        .map(Duration::toNanos)
                        .orElse(0L));
    }

    /** Records per second over the {@linkplain #steadyWindow steady window}. */
    static double steadyRate(List<Sample> samples, long expected) {
        Sample[] window = steadyWindow(samples, expected);
        return (window[1].committed() - window[0].committed())
                * 1e9
                / Math.max(1, window[1].nanos() - window[0].nanos());
    }

    /**
     * From the sample that first passed 10 % of the input to the one that first passed 90 %; for an input so small
     * that one sample covers both, the whole run from the first sample (taken at its start).
     */
    static Sample[] steadyWindow(List<Sample> samples, long expected) {
        Sample from = firstReaching(samples, (long) Math.ceil(expected * STEADY_FROM));
        Sample to = firstReaching(samples, (long) (expected * STEADY_TO));
        if (to.nanos() > from.nanos()) {
            return new Sample[] {from, to};
        }
        return new Sample[] {samples.get(0), samples.get(samples.size() - 1)};
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
