package io.healthstream.tools.demo;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.ExpansionOpportunity;
import io.healthstream.avro.NpsFollowUp;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every output topic and the dead-letter topic (committed records only, no consumer group)
 * and tallies what it sees for the demo's live summary. Runs on its own thread until closed.
 */
public final class DemoMonitor implements Runnable, AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<AccountHealth> health;
    private final Deserializer<ChurnSignal> signal;
    private final Deserializer<ContractionAlert> contraction;
    private final Deserializer<ExpansionOpportunity> expansion;
    private final Deserializer<NpsFollowUp> followUp;
    private final Map<String, String> bandByAccount = new HashMap<>();
    private final Map<String, Long> signalsSoFar = new TreeMap<>();
    private Map<String, Long> signals = new TreeMap<>();
    private Map<String, Long> contractions = new TreeMap<>();
    private Map<String, Long> expansions = new TreeMap<>();
    private Map<String, Long> followUps = new TreeMap<>();
    private long recordsOut;
    private long deadLetters;

    public DemoMonitor(Properties clientProperties, String schemaRegistryUrl) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", schemaRegistryUrl));
        this.health = serdes.valueSerde(AccountHealth.class).deserializer();
        this.signal = serdes.valueSerde(ChurnSignal.class).deserializer();
        this.contraction = serdes.valueSerde(ContractionAlert.class).deserializer();
        this.expansion = serdes.valueSerde(ExpansionOpportunity.class).deserializer();
        this.followUp = serdes.valueSerde(NpsFollowUp.class).deserializer();
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = Stream.concat(Topics.OUTPUTS.stream(), Stream.of(Topics.DEAD_LETTER))
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                consumer.poll(POLL).forEach(this::tally);
            }
        } catch (WakeupException closing) {
            // close() asked the poll loop to end.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void tally(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        if (topic.equals(Topics.DEAD_LETTER)) {
            deadLetters++;
            return;
        }
        recordsOut++;
        switch (topic) {
            case Topics.ACCOUNT_HEALTH -> {
                AccountHealth value = health.deserialize(topic, record.value());
                bandByAccount.put(value.getAccountId(), value.getBand().name());
            }
            case Topics.CHURN_SIGNALS -> {
                String type =
                        signal.deserialize(topic, record.value()).getType().name();
                signals.merge(type, 1L, Long::sum);
                signalsSoFar.merge(type, 1L, Long::sum);
            }
            case Topics.CONTRACTION_ALERTS ->
                contractions.merge(
                        contraction.deserialize(topic, record.value()).getKind().name(), 1L, Long::sum);
            case Topics.EXPANSION_OPPORTUNITIES ->
                expansions.merge(
                        expansion.deserialize(topic, record.value()).getReason().name(), 1L, Long::sum);
            case Topics.NPS_FOLLOWUPS ->
                followUps.merge(
                        followUp.deserialize(topic, record.value())
                                .getCategory()
                                .name(),
                        1L,
                        Long::sum);
            default -> {
                // Not subscribed.
            }
        }
    }

    /** What was seen so far; starts a new interval. */
    public synchronized DemoSnapshot snapshotAndReset() {
        Map<String, Long> bands = new TreeMap<>();
        bandByAccount.values().forEach(band -> bands.merge(band, 1L, Long::sum));
        DemoSnapshot snapshot = new DemoSnapshot(
                bands,
                signals,
                contractions,
                expansions,
                followUps,
                new TreeMap<>(signalsSoFar),
                recordsOut,
                deadLetters);
        signals = new TreeMap<>();
        contractions = new TreeMap<>();
        expansions = new TreeMap<>();
        followUps = new TreeMap<>();
        recordsOut = 0;
        return snapshot;
    }

    /** Ends the poll loop; the consumer closes on its own thread. */
    @Override
    public void close() {
        consumer.wakeup();
    }
}
