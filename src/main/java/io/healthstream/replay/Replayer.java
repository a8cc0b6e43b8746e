package io.healthstream.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthstream.avro.KpiDelta;
import io.healthstream.avro.StoredHistoryEvent;
import io.healthstream.avro.StoredHistoryPoint;
import io.healthstream.scoring.kpi.KpiBatch;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.JsonAvro;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.serde.SingleObjectSerde;
import io.healthstream.topology.AccountHealthProcessor;
import io.healthstream.topology.AccountHistory;
import io.healthstream.topology.DeadLetterLog;
import io.healthstream.topology.DeadLetterRecords;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.HistoryReader;
import io.healthstream.topology.KpiMapper;
import io.healthstream.topology.StoreNames;
import io.healthstream.topology.Topics;
import io.healthstream.topology.TopologySettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs the real topology in-process, without a broker, over a JSON-lines export of events, and
 * writes every output topic as JSON lines, the dead letters, each account's history, and a summary. The whole file is read
 * first, so that its events can be put in {@link EventOrder}; then they are fed one by one, and the
 * driver's output topics are drained into the files every few thousand events, so that memory holds
 * the events but not the outputs.
 */
public final class Replayer {
    public static final String SUMMARY_FILE = "summary.json";
    /** Each account's history, one line per account in id order, as GET /accounts/{id}/history renders it. */
    public static final String HISTORY_FILE = "history.jsonl";
    /** The API's naming (snake_case), so that a history line and the endpoint's answer are the same JSON. */
    private static final ObjectMapper HISTORY_JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DLQ_FILE = Topics.DEAD_LETTER + ".jsonl";
    /** Names the driver's state directory inside DIR; log4j2.xml knows it (see there). */
    private static final String STATE_DIR_PREFIX = ".replay-state-";

    private static final int DRAIN_EVERY = 5_000;

    /**
     * The test driver is one thread without a broker, so exactly-once buys nothing there; and with it
     * the driver's mock producer drops dead-letter records sent while deserializing (seen with Kafka
     * Streams 4.4.0). Live runs keep exactly_once_v2. Events are fed in the order chosen, so the task must
     * not wait for the other input topics (max.task.idle.ms) before processing what it was given.
     */
    public static final Map<String, Object> TEST_DRIVER_OVERRIDES = Map.of(
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            StreamsConfig.AT_LEAST_ONCE,
            StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
            0L);

    private final TopologySettings topology;
    private final Properties streamsConfig;
    private final int drainEvery;

    /**
     * A replay of the topology built from {@code topology}, run with {@code streamsConfig} (the live
     * configuration: application id, handlers) less what {@link #TEST_DRIVER_OVERRIDES} changes.
     */
    public Replayer(TopologySettings topology, Properties streamsConfig) {
        this(topology, streamsConfig, DRAIN_EVERY);
    }

    /** {@code drainEvery}: how many events are fed between two drains of the driver's output topics. */
    Replayer(TopologySettings topology, Properties streamsConfig, int drainEvery) {
        this.topology = topology;
        this.streamsConfig = streamsConfig;
        this.drainEvery = drainEvery;
    }

    /** Replays {@code input} in {@link EventOrder#TIME} order. */
    public ReplaySummary replay(Path input, Path outputDir) throws IOException {
        return replay(input, outputDir, EventOrder.TIME);
    }

    public ReplaySummary replay(Path input, Path outputDir, EventOrder order) throws IOException {
        return replay(EventFile.read(input), input, outputDir, order, fed -> {});
    }

    /**
     * Replays a file already read, so that a backtest reads its export once; {@code fedSince} hears, every few
     * thousand events, how many were fed since it last heard.
     */
    ReplaySummary replay(EventFile.Contents file, Path input, Path outputDir, EventOrder order, LongConsumer fedSince)
            throws IOException {
        EventOrder.Arranged arranged = order.arrange(file.events());
        Files.createDirectories(outputDir);
        String scope = "replay-" + UUID.randomUUID();
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + scope));
        ReplayCounts counts = new ReplayCounts();
        List<DeadLetter> deadLetters = new ArrayList<>(file.malformed());
        OutputFiles outputs = OutputFiles.open(outputDir);
        long rejected;
        try (outputs;
                Run run = new Run(
                        serdes,
                        counts,
                        outputs,
                        deadLetters,
                        arranged.events(),
                        Files.createTempDirectory(outputDir, STATE_DIR_PREFIX))) {
            run.feed(fedSince);
            run.writeHistory(outputDir.resolve(HISTORY_FILE));
            rejected = run.rejectedEvents;
        } finally {
            MockSchemaRegistry.dropScope(scope);
        }
        deadLetters.sort(Comparator.comparingLong(DeadLetter::line));
        writeJsonLines(
                outputDir.resolve(DLQ_FILE),
                deadLetters.stream().map(DeadLetter::json).toList());

        Map<String, Long> byReason = new LinkedHashMap<>();
        deadLetters.forEach(deadLetter -> byReason.merge(deadLetter.reason(), 1L, Long::sum));
        // Every event read is fed once and ends up applied, duplicate, late or dead-lettered by the engine.
        long read = file.events().size();
        ReplaySummary summary = new ReplaySummary(
                input.toString(),
                order,
                file.lines(),
                read,
                read - counts.duplicate() - counts.late() - rejected,
                counts.duplicate(),
                counts.late(),
                counts.lateForKpis(),
                byReason,
                outputs.accountsScored(),
                outputs.periodsClosed(),
                arranged.outOfOrder(),
                arranged.firstOutOfOrderLine(),
                outputs.counts());
        Files.writeString(
                outputDir.resolve(SUMMARY_FILE), summary.toJson().toPrettyString() + "\n", StandardCharsets.UTF_8);
        return summary;
    }

    private static void writeJsonLines(Path file, List<ObjectNode> records) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ObjectNode record : records) {
                OutputFiles.writeLine(writer, record);
            }
        }
    }

    /** One replay over one test driver. */
    private final class Run implements AutoCloseable {
        private final AvroSerdes serdes;
        private final Serde<GenericRecord> genericSerde;
        private final ReplayCounts counts;
        private final OutputFiles outputs;
        private final List<DeadLetter> deadLetters;
        private final List<ReplayEvent> events;
        private final Path stateDir;
        /** The line of each topic's n-th fed event: the driver's offset of a dead-lettered record leads back to its line. */
        private final Map<String, long[]> linesByOffset = new HashMap<>();

        private final Map<String, TestInputTopic<String, GenericRecord>> inputs = new HashMap<>();
        private final Map<String, TestOutputTopic<String, ? extends SpecificRecord>> outputTopics =
                new LinkedHashMap<>();
        private TestOutputTopic<byte[], byte[]> deadLetterTopic;
        private TopologyTestDriver driver;
        private long lastEventTime = 0;
        /** Dead letters of fed events (not of the topology's internal records). */
        private long rejectedEvents;
        /** One summary line per reason at the end instead of a line per rejected event. */
        private final DeadLetterLog deadLetterLog = new DeadLetterLog(Clock.systemUTC(), Duration.ofDays(1));

        /** The state lives beside the outputs, not in the OS temp dir, which may be cleaned under it. */
        Run(
                AvroSerdes serdes,
                ReplayCounts counts,
                OutputFiles outputs,
                List<DeadLetter> deadLetters,
                List<ReplayEvent> events,
                Path stateDir) {
            this.serdes = serdes;
            this.genericSerde = serdes.genericValueSerde();
            this.counts = counts;
            this.outputs = outputs;
            this.deadLetters = deadLetters;
            this.events = events;
            this.stateDir = stateDir;
            indexLines();
        }

        private void indexLines() {
            Map<String, Integer> perTopic = new HashMap<>();
            events.forEach(event -> perTopic.merge(event.topic(), 1, Integer::sum));
            perTopic.forEach((topic, count) -> linesByOffset.put(topic, new long[count]));
            Map<String, Integer> offsets = new HashMap<>();
            for (ReplayEvent event : events) {
                linesByOffset.get(event.topic())[offsets.merge(event.topic(), 1, Integer::sum) - 1] = event.line();
            }
        }

        void feed(LongConsumer fedSince) throws IOException {
            if (events.isEmpty()) {
                return;
            }
            start();
            int fed = 0;
            for (ReplayEvent event : events) {
                Instant occurredAt = Instant.ofEpochMilli(event.occurredAt());
                Object accountId = event.value().get("account_id");
                inputs.computeIfAbsent(
                                event.topic(),
                                t -> driver.createInputTopic(t, new StringSerializer(), genericSerde.serializer()))
                        .pipeInput(accountId == null ? null : accountId.toString(), event.value(), occurredAt);
                lastEventTime = Math.max(lastEventTime, event.occurredAt());
                if (++fed % drainEvery == 0) {
                    drain();
                    fedSince.accept(drainEvery);
                }
            }
            endInput();
            drain();
            deadLetterLog.flush();
        }

        /**
         * The driver's wall clock is the real one at the start and stands still while events are fed: it is
         * the processing time records carry, and time-based rules follow event time only, as they do live.
         */
        private void start() {
            Properties properties = new Properties();
            properties.putAll(streamsConfig);
            properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            properties.putAll(TEST_DRIVER_OVERRIDES);
            DeadLetterLog.attach(properties, deadLetterLog);
            driver = new TopologyTestDriver(
                    HealthTopology.build(topology, serdes::valueSerde, counts), properties, Instant.now());
            for (String topic : Topics.OUTPUTS) {
                outputTopics.put(
                        topic,
                        driver.createOutputTopic(
                                topic,
                                new StringDeserializer(),
                                serdes.valueSerde(HealthTopology.OUTPUT_TYPES.get(topic))
                                        .deserializer()));
            }
            deadLetterTopic = driver.createOutputTopic(
                    Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        /**
         * The input is complete: the account tasks send their last KPI contributions (their flush runs on the
         * wall clock), then the KPI ledger hears that nothing more will come, publishes every period that ended
         * as final and the rest as provisional.
         */
        private void endInput() {
            driver.advanceWallClockTime(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
            driver.createInputTopic(
                            HealthTopology.kpiDeltasTopic(
                                    streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)),
                            new StringSerializer(),
                            SingleObjectSerde.of(KpiDelta.class).serializer())
                    .pipeInput(
                            KpiMapper.DELTA_KEY,
                            KpiMapper.toDelta(KpiBatch.EMPTY, 0, Instant.ofEpochMilli(lastEventTime), true),
                            lastEventTime);
        }

        /**
         * Moves what the driver has captured into the files. The driver keeps every record produced, to
         * the changelogs and the repartition topic too, until it is read, so those are read and dropped.
         */
        private void drain() throws IOException {
            // Only topics that received something: asked about any other, the driver warns "Unrecognized topic".
            for (String topic : driver.producedTopicNames()) {
                TestOutputTopic<String, ? extends SpecificRecord> output = outputTopics.get(topic);
                if (output != null) {
                    while (!output.isEmpty()) {
                        outputs.write(topic, JsonAvro.write(output.readValue()));
                    }
                } else if (topic.equals(Topics.DEAD_LETTER)) {
                    while (!deadLetterTopic.isEmpty()) {
                        deadLetters.add(deadLettered(deadLetterTopic.readRecord()));
                    }
                } else {
                    Deserializer<byte[]> bytes = new ByteArrayDeserializer();
                    TestOutputTopic<byte[], byte[]> internal = driver.createOutputTopic(topic, bytes, bytes);
                    while (!internal.isEmpty()) {
                        internal.readRecord();
                    }
                }
            }
        }

        /**
         * Every account's whole history as the stores hold it at the end, from its first entry to its last: what
         * the endpoint answers for that span (up to its limit of entries).
         */
        void writeHistory(Path file) throws IOException {
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                if (driver == null) {
                    return;
                }
                WindowStore<String, StoredHistoryPoint> points = driver.getWindowStore(StoreNames.HISTORY_POINTS);
                WindowStore<String, StoredHistoryEvent> events = driver.getWindowStore(StoreNames.HISTORY_EVENTS);
                Map<String, long[]> spans = new TreeMap<>();
                span(points, spans);
                span(events, spans);
                for (Map.Entry<String, long[]> account : spans.entrySet()) {
                    AccountHistory history = HistoryReader.read(
                            points,
                            events,
                            account.getKey(),
                            Instant.ofEpochMilli(account.getValue()[0]),
                            Instant.ofEpochMilli(account.getValue()[1]),
                            Integer.MAX_VALUE);
                    writer.write(HISTORY_JSON.writeValueAsString(history));
                    writer.write('\n');
                }
            }
        }

        /** Widens each account's span [first, last] by the entries of {@code store}. */
        private static <V> void span(WindowStore<String, V> store, Map<String, long[]> spans) {
            try (KeyValueIterator<Windowed<String>, V> all = store.all()) {
                all.forEachRemaining(entry -> {
                    long at = entry.key.window().start();
                    long[] span = spans.computeIfAbsent(entry.key.key(), account -> new long[] {at, at});
                    span[0] = Math.min(span[0], at);
                    span[1] = Math.max(span[1], at);
                });
            }
        }

        private DeadLetter deadLettered(TestRecord<byte[], byte[]> record) {
            String topic = header(record, DeadLetterRecords.TOPIC);
            String reason = Objects.requireNonNullElse(header(record, DeadLetterRecords.REASON), "unknown");
            long[] lines = topic == null ? null : linesByOffset.get(topic);
            String offsetHeader = header(record, DeadLetterRecords.OFFSET);
            long offset = offsetHeader == null ? -1 : Long.parseLong(offsetHeader);
            long line = lines != null && offset >= 0 && offset < lines.length ? lines[(int) offset] : -1;
            rejectedEvents += lines == null ? 0 : 1;
            ObjectNode json = MAPPER.createObjectNode();
            json.put("line", line);
            json.put("topic", topic);
            json.put("reason", reason);
            json.put("error", header(record, DeadLetterRecords.MESSAGE));
            try {
                json.set("value", JsonAvro.write(genericSerde.deserializer().deserialize(topic, record.value())));
            } catch (RuntimeException undecodable) {
                json.put(
                        "value_base64",
                        record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
            }
            return new DeadLetter(line, reason, json);
        }

        private String header(TestRecord<byte[], byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            if (driver != null) {
                driver.close();
            }
            deleteRecursively(stateDir);
        }

        private static void deleteRecursively(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }
}
