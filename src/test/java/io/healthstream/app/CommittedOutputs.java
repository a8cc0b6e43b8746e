package io.healthstream.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.JsonAvro;
import io.healthstream.testsupport.Waits;
import io.healthstream.topology.HealthTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a live run committed to its output topics, read from every partition with read_committed, until
 * as many records as wanted have arrived (and two seconds more, so a surplus would show), as JSON in the
 * replay's form.
 */
final class CommittedOutputs {
    private static final Duration SURPLUS_WAIT = Duration.ofSeconds(2);

    private CommittedOutputs() {}

    /** Raw records of {@code wanted}'s topics (topic -> how many to wait for), within {@code deadline}. */
    static Map<String, List<ConsumerRecord<String, byte[]>>> read(
            Settings settings, Map<String, Integer> wanted, Duration deadline) {
        Properties props = settings.kafkaClientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<ConsumerRecord<String, byte[]>>> records = new HashMap<>();
        wanted.keySet().forEach(topic -> records.put(topic, new ArrayList<>()));
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = wanted.keySet().stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Waits.pollUntil(
                    consumer,
                    deadline,
                    record -> records.get(record.topic()).add(record),
                    () -> allArrived(records, wanted));
            consumer.poll(SURPLUS_WAIT)
                    .forEach(record -> records.get(record.topic()).add(record));
        }
        return records;
    }

    /** The records of output topic {@code topic} as the replay writes them. */
    static List<JsonNode> asJson(String topic, List<ConsumerRecord<String, byte[]>> records, String registryUrl) {
        var deserializer = AvroSerdes.fromConfig(Map.of("schema.registry.url", registryUrl))
                .valueSerde(HealthTopology.OUTPUT_TYPES.get(topic))
                .deserializer();
        return records.stream()
                .<JsonNode>map(record -> JsonAvro.write(deserializer.deserialize(topic, record.value())))
                .toList();
    }

    private static boolean allArrived(
            Map<String, List<ConsumerRecord<String, byte[]>>> records, Map<String, Integer> wanted) {
        return wanted.entrySet().stream().allMatch(e -> records.get(e.getKey()).size() >= e.getValue());
    }
}
