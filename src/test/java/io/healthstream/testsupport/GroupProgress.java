package io.healthstream.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches an application's progress on its input partitions from outside, as an operator's lag monitor does:
 * every quarter second, the group's committed offsets against the partitions' end offsets. Under exactly-once a
 * committed offset moves only with the transaction that wrote its outputs, so a partition that has records
 * waiting and whose offset does not move is stalled. Runs on its own thread until closed.
 */
public final class GroupProgress implements AutoCloseable {
    private static final Duration INTERVAL = Duration.ofMillis(250);

    private final String group;
    private final Admin admin;
    private final List<TopicPartition> partitions;
    private final Thread watcher;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Map<TopicPartition, Instant> lastProgress = new HashMap<>();
    private final Set<TopicPartition> lagging = new HashSet<>();
    private Duration longestStall = Duration.ZERO;
    private volatile boolean running = true;

    private GroupProgress(String bootstrapServers, String group, List<TopicPartition> partitions) {
        this.group = group;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.partitions = List.copyOf(partitions);
        this.watcher = new Thread(this::watch, "group-progress-" + group);
        this.watcher.setDaemon(true);
    }

    /** Starts watching {@code group} on {@code partitions} of {@code topics}. */
    public static GroupProgress watch(
            String bootstrapServers, String group, Collection<String> topics, int partitions) {
        List<TopicPartition> all = topics.stream()
                .flatMap(topic -> IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)))
                .toList();
        GroupProgress progress = new GroupProgress(bootstrapServers, group, all);
        progress.watcher.start();
        return progress;
    }

    /** The longest time any watched partition had records waiting and its committed offset did not move. */
    public synchronized Duration longestStall() {
        Instant now = Instant.now();
        Duration longest = longestStall;
        for (TopicPartition partition : lagging) {
            Duration ongoing = Duration.between(lastProgress.get(partition), now);
            longest = ongoing.compareTo(longest) > 0 ? ongoing : longest;
        }
        return longest;
    }

    /** Forgets the stalls seen so far (the start-up's, say), so that only what follows is measured. */
    public synchronized void reset() {
        longestStall = Duration.ZERO;
        Instant now = Instant.now();
        partitions.forEach(partition -> lastProgress.put(partition, now));
    }

    /** Input records the group has committed over the watched partitions. */
    public synchronized long committedTotal() {
        return committed.values().stream().mapToLong(Long::longValue).sum();
    }

    private void watch() {
        while (running) {
            try {
                sample();
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException | TimeoutException e) {
                // The broker is briefly away (a broker bounce): the stall goes on being measured.
            }
        }
    }

    private void sample() throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
        Instant now = Instant.now();
        synchronized (this) {
            for (TopicPartition partition : partitions) {
                long at =
                        offsets.containsKey(partition) ? offsets.get(partition).offset() : 0L;
                Long before = committed.put(partition, at);
                if (before == null || before != at || at >= ends.get(partition).offset()) {
                    Duration stall = Duration.between(lastProgress.getOrDefault(partition, now), now);
                    longestStall = stall.compareTo(longestStall) > 0 ? stall : longestStall;
                    lastProgress.put(partition, now);
                    lagging.remove(partition);
                } else {
                    lagging.add(partition);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
        try {
            watcher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
