package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.MalformedRecords.Kind;
import io.healthstream.app.MalformedRecords.Malformed;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.EngineProcess;
import io.healthstream.testsupport.GroupProgress;
import io.healthstream.testsupport.Waits;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.topology.DeadLetterRecords;
import io.healthstream.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over 10,000 malformed records of every kind interleaved with the portfolio's valid events, into one engine
 * process: it never leaves RUNNING, every malformed record is in the dead-letter topic exactly once with a
 * reason, the valid events give what the replay gives, and the log stays within a line budget.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class FuzzIT {
    private static final int MALFORMED = 10_500;
    private static final int MEGABYTE_RECORDS = 8;
    /**
     * Lines the engine may log for the whole run. Generous on purpose: this release writes about 15 lines per
     * malformed record (158,775 lines, 6.7 MB, measured in this test), full writer and reader schemas in each
     * warning; the log-flood fix (defect 9, its own branch) logs one line per reason per interval, and this budget
     * drops to a thousand lines once it is in.
     */
    private static final int LOG_LINE_BUDGET = 200_000;

    @TempDir
    Path work;

    @Test
    void malformedRecordsAreDeadLetteredOnceAndChangeNothing() throws Exception {
        try (FaultCluster cluster = FaultCluster.start(work);
                GroupProgress progress = cluster.watchProgress()) {
            Map<String, Kind> malformed = publishInterleaved(cluster);
            EngineProcess engine = cluster.startEngine("fuzz", Map.of());
            engine.awaitRunning(Duration.ofSeconds(120));
            AtomicBoolean leftRunning = new AtomicBoolean();
            Set<String> statesSeen = new TreeSet<>();
            Thread watcher = watchState(engine, leftRunning, statesSeen);
            long inputs = cluster.events() + (long) malformed.size();
            Waits.atMost(FaultCluster.DEADLINE, () -> progress.committedTotal() >= inputs);
            watcher.interrupt();
            watcher.join();

            Map<String, Object> figures = cluster.assertSameAsReplay(cluster.committedOutputs());
            Map<String, List<String>> reasons = deadLetterReasons(cluster, malformed.size());
            List<String> logLines = engine.logLines();

            assertThat(leftRunning)
                    .as("left RUNNING; states seen %s", statesSeen)
                    .isFalse();
            assertThat(malformed.keySet())
                    .allSatisfy(at -> assertThat(reasons.get(at))
                            .as("dead letters of the %s record at %s", malformed.get(at), at)
                            .hasSize(1)
                            .allSatisfy(reason -> assertThat(reason).isNotBlank()));
            long otherDeadLetters = reasons.entrySet().stream()
                    .filter(e -> !malformed.containsKey(e.getKey()))
                    .mapToLong(e -> e.getValue().size())
                    .sum();
            assertThat(otherDeadLetters)
                    .as("valid stream's own dead letters, as the replay's")
                    .isEqualTo(cluster.replay.expected(Topics.DEAD_LETTER).size());
            assertThat(logLines.size()).as("log lines").isLessThanOrEqualTo(LOG_LINE_BUDGET);

            figures.put("events", cluster.events());
            figures.put("malformed", malformed.size());
            figures.put("dead_lettered_by_reason", byReason(reasons, malformed));
            figures.put("log_lines", logLines.size());
            figures.put("log_line_budget", LOG_LINE_BUDGET);
            FaultCluster.record("fuzz", figures);
        }
    }

    /**
     * The portfolio day by day with malformed records in between, spread evenly; returns each malformed record's
     * {@code topic-partition@offset} and kind.
     */
    private static Map<String, Kind> publishInterleaved(FaultCluster cluster) throws Exception {
        AvroSerdes serdes = AvroSerdes.fromConfig(
                Map.of("schema.registry.url", cluster.registry().url()));
        GeneratedEvent first = cluster.days.get(0).get(0);
        MalformedRecords factory = new MalformedRecords(serdes, first.occurredAt());
        Map<String, Object> config =
                new HashMap<>(AvroPublisher.producerConfig(cluster.broker().bootstrapServers()));
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        List<Kind> kinds = List.of(Kind.values()).stream()
                .filter(kind -> kind != Kind.MEGABYTE_ID)
                .toList();
        int every = Math.max(1, cluster.events() / MALFORMED);
        Map<Future<RecordMetadata>, Kind> sent = new HashMap<>();
        int valid = 0;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (List<GeneratedEvent> day : cluster.days) {
                for (GeneratedEvent event : day) {
                    producer.send(
                            new ProducerRecord<>(event.topic(), event.key(), FaultCluster.serialized(serdes, event)));
                    if (++valid % every == 0 && sent.size() < MALFORMED) {
                        Kind kind = sent.size() % (MALFORMED / MEGABYTE_RECORDS) == 0
                                ? Kind.MEGABYTE_ID
                                : kinds.get(sent.size() % kinds.size());
                        Malformed record = factory.next(kind, event.key());
                        sent.put(
                                producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())),
                                kind);
                    }
                }
            }
            while (sent.size() < MALFORMED) {
                Malformed record = factory.next(kinds.get(sent.size() % kinds.size()), first.key());
                sent.put(
                        producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())),
                        record.kind());
            }
            producer.flush();
        }
        Map<String, Kind> at = new HashMap<>();
        for (Map.Entry<Future<RecordMetadata>, Kind> entry : sent.entrySet()) {
            RecordMetadata metadata = entry.getKey().get();
            at.put(position(metadata.topic(), metadata.partition(), metadata.offset()), entry.getValue());
        }
        return at;
    }

    private static String position(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    /** The reasons of the dead letters, by the position of the record each came from. */
    private static Map<String, List<String>> deadLetterReasons(FaultCluster cluster, int atLeast) {
        Settings reader =
                Settings.of(Map.of("bootstrap.servers", cluster.broker().bootstrapServers()));
        int wanted = atLeast + cluster.replay.expected(Topics.DEAD_LETTER).size();
        List<ConsumerRecord<String, byte[]>> deadLetters = CommittedOutputs.read(
                        reader, Map.of(Topics.DEAD_LETTER, wanted), FaultCluster.DEADLINE)
                .get(Topics.DEAD_LETTER);
        Map<String, List<String>> reasons = new HashMap<>();
        for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
            String from = position(
                    header(deadLetter, DeadLetterRecords.TOPIC),
                    Integer.parseInt(header(deadLetter, DeadLetterRecords.PARTITION)),
                    Long.parseLong(header(deadLetter, DeadLetterRecords.OFFSET)));
            reasons.computeIfAbsent(from, key -> new ArrayList<>()).add(header(deadLetter, DeadLetterRecords.REASON));
        }
        return reasons;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Map<String, Long>> byReason(
            Map<String, List<String>> reasons, Map<String, Kind> malformed) {
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        malformed.forEach((at, kind) -> reasons.getOrDefault(at, List.of())
                .forEach(reason -> byKind.computeIfAbsent(kind.name(), k -> new TreeMap<>())
                        .merge(reason, 1L, Long::sum)));
        return byKind;
    }

    private static Thread watchState(EngineProcess engine, AtomicBoolean leftRunning, Set<String> statesSeen) {
        Thread watcher = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        String state = engine.streamsState().orElse("NOT ANSWERING");
                        synchronized (statesSeen) {
                            statesSeen.add(state);
                        }
                        if (!"RUNNING".equals(state)) {
                            leftRunning.set(true);
                        }
                        try {
                            Thread.sleep(250);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "fuzz-state-watch");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }
}
