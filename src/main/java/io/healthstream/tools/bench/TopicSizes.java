package io.healthstream.tools.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What an application wrote to topics: the bytes its changelogs hold and the records its outputs received. */
public final class TopicSizes {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Admin admin;
    private final Properties clientProperties;

    /** {@code clientProperties}: bootstrap servers and security, for the consumer that counts records. */
    public TopicSizes(Admin admin, Properties clientProperties) {
        this.admin = admin;
        this.clientProperties = clientProperties;
    }

    /** The bytes on the brokers' disks of every changelog topic of {@code applicationId}, all replicas. */
    public long changelogBytes(String applicationId) throws InterruptedException {
        Predicate<String> changelog = topic -> topic.startsWith(applicationId + "-") && topic.endsWith("-changelog");
        List<Integer> brokers = ConsumptionWatch.get(admin.describeCluster().nodes()).stream()
                .map(node -> node.id())
                .toList();
        long bytes = 0;
        for (Map<String, LogDirDescription> dirs : ConsumptionWatch.get(
                        admin.describeLogDirs(brokers).allDescriptions())
                .values()) {
            for (LogDirDescription dir : dirs.values()) {
                bytes += dir.replicaInfos().entrySet().stream()
                        .filter(replica -> changelog.test(replica.getKey().topic()))
                        .mapToLong(replica -> replica.getValue().size())
                        .sum();
            }
        }
        return bytes;
    }

    /** The end offset of every partition of {@code topics}. */
    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.endOffsets(ConsumptionWatch.partitions(admin, topics));
        }
    }

    /**
     * The committed records (read_committed, so neither aborted records nor transaction markers count) from
     * {@code from} to the partitions' current ends.
     */
    public long recordsSince(Map<TopicPartition, Long> from) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(from.keySet()));
            long records = 0;
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                records += consumer.poll(POLL).count();
            }
            return records;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
