package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.EngineProcess;
import io.healthstream.testsupport.GroupProgress;
import io.healthstream.testsupport.Waits;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry down mid-stream, for {@link #OUTAGE}, while the second half of the portfolio arrives: the
 * engine goes on with the schemas it has (it never asks the registry per record), dead-letters no valid event,
 * stays up, and every account topic equals the replay. (An instance that meets a schema id it has not seen
 * during an outage, or restarts during one, must wait for the registry: see the README's Reliability section.)
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RegistryOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @Test
    void aRegistryOutageMidStreamLosesNothingAndDeadLettersNoValidEvent() throws Exception {
        try (FaultCluster cluster = FaultCluster.start(work);
                GroupProgress progress = cluster.watchProgress()) {
            List<List<GeneratedEvent>> firstHalf = cluster.days.subList(0, cluster.days.size() / 2);
            long firstEvents = cluster.publish(firstHalf);
            List<ProducerRecord<String, byte[]>> secondHalf =
                    serializedWhileUp(cluster, cluster.days.subList(firstHalf.size(), cluster.days.size()));
            EngineProcess engine = cluster.startEngine("a", Map.of());
            engine.awaitRunning(FaultCluster.START_TIMEOUT);
            Waits.atMost(FaultCluster.DEADLINE, () -> progress.committedTotal() >= firstEvents);

            progress.reset();
            cluster.stopRegistry();
            Instant down = Instant.now();
            send(cluster, secondHalf);
            // The outage lasts OUTAGE, unless the engine gives up on it first.
            Waits.atMost(OUTAGE, () -> !engine.isAlive());
            cluster.startRegistryAgain();
            Duration outage = Duration.between(down, Instant.now());
            cluster.awaitAllCommitted(progress);
            Duration stall = progress.longestStall();

            Map<String, Object> figures = cluster.assertSameAsReplay(cluster.committedOutputs());
            long deadLetters = CommittedOutputs.read(
                            Settings.of(
                                    Map.of("bootstrap.servers", cluster.broker().bootstrapServers())),
                            Map.of(
                                    Topics.DEAD_LETTER,
                                    cluster.replay.expected(Topics.DEAD_LETTER).size()),
                            Duration.ofSeconds(30))
                    .get(Topics.DEAD_LETTER)
                    .size();
            assertThat(deadLetters)
                    .as("dead letters: the replay's own, no valid event")
                    .isEqualTo(cluster.replay.expected(Topics.DEAD_LETTER).size());
            assertThat(engine.isAlive()).as("engine still up").isTrue();

            figures.put("events", cluster.events());
            figures.put("outage_seconds", FaultCluster.seconds(outage));
            figures.put("stall_seconds", FaultCluster.seconds(stall));
            FaultCluster.record("registry-outage", figures);
        }
    }

    /** The events serialized while the registry is up, as producers that had their schema ids before it went. */
    private static List<ProducerRecord<String, byte[]>> serializedWhileUp(
            FaultCluster cluster, List<List<GeneratedEvent>> days) {
        AvroSerdes serdes = AvroSerdes.fromConfig(
                Map.of("schema.registry.url", cluster.registry().url()));
        return days.stream()
                .flatMap(List::stream)
                .map(event -> new ProducerRecord<>(event.topic(), event.key(), FaultCluster.serialized(serdes, event)))
                .toList();
    }

    /**
     * Sends {@code records} in one transaction: the engine (read_committed) sees them all at once, as a backlog it
     * merges in event-time order like the replay, not trickling in while it is caught up.
     */
    private static void send(FaultCluster cluster, List<ProducerRecord<String, byte[]>> records) {
        Map<String, Object> config =
                new HashMap<>(AvroPublisher.producerConfig(cluster.broker().bootstrapServers()));
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "registry-outage-publisher");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.commitTransaction();
        }
    }
}
