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
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
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
 * writes every output topic as JSON lines, the dead letters, each account's history, and a summary. The file is read first and its
 * events spilled to temporary files in {@link EventOrder} (an external sort, in {@code DIR/.replay-sort-*});
 * then they are read back and fed one by one, and the driver's output topics are drained into the files
 * every few thousand events, so that memory holds neither the events nor the outputs.
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
    /** Names the directory of the sort's run files inside DIR, deleted at the end. */
    private static final String SORT_DIR_PREFIX = ".replay-sort-";

    /** Heap one sorted run may take before it is spilled: the bound of the sort's memory. */
    private static final long RUN_BYTES = 32L * 1024 * 1024;

    private static final int DRAIN_EVERY = 5_000;
    /**
     * Events fed between two seconds of the driver's wall clock. The account tasks send their KPI contributions on
     * the wall clock, as live; with the clock standing still the whole input's contributions piled up in each
     * task's outbox, re-encoded whole on every change (a million-account replay spent 17 % of its time there).
     */
    private static final int FLUSH_EVERY = 5_000;
    /** How long a replay runs before it reports progress. */
    private static final Duration QUIET_FOR = Duration.ofSeconds(10);

    /**
     * The test driver is one thread without a broker, so exactly-once buys nothing there; and with it
     * the driver's mock producer drops dead-letter records sent while deserializing (seen with Kafka
     * Streams 4.4.0). Live runs keep exactly_once_v2. Events are fed in the order chosen, so the task must
     * not wait for the other input topics before processing what it was given: idling disabled (-1), not 0,
     * because with 0 the driver still checks, and formats a log line for, every empty partition per record.
     */
    public static final Map<String, Object> TEST_DRIVER_OVERRIDES = Map.of(
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            StreamsConfig.AT_LEAST_ONCE,
            StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
            StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);

    private final TopologySettings topology;
    private final Properties streamsConfig;
    private final int drainEvery;
    private final long runBytes;

    /**
     * A replay of the topology built from {@code topology}, run with {@code streamsConfig} (the live
     * configuration: application id, handlers) less what {@link #TEST_DRIVER_OVERRIDES} changes.
     */
    public Replayer(TopologySettings topology, Properties streamsConfig) {
        this(topology, streamsConfig, DRAIN_EVERY, RUN_BYTES);
    }

    /**
     * {@code drainEvery}: how many events are fed between two drains of the driver's output topics;
     * {@code runBytes}: how much heap a sorted run may take before it is spilled to a file.
     */
    Replayer(TopologySettings topology, Properties streamsConfig, int drainEvery, long runBytes) {
        this.topology = topology;
        this.streamsConfig = streamsConfig;
        this.drainEvery = drainEvery;
        this.runBytes = runBytes;
    }

    /** Replays {@code input} in {@link EventOrder#TIME} order. */
    public ReplaySummary replay(Path input, Path outputDir) throws IOException {
        return replay(input, outputDir, EventOrder.TIME);
    }

    public ReplaySummary replay(Path input, Path outputDir, EventOrder order) throws IOException {
        return replay(input, outputDir, order, line -> {});
    }

    /**
     * Replays {@code input}; {@code progress} hears when it is read and every tenth of its events fed, once the
     * replay has run for {@link #QUIET_FOR}: a replay that short needs no progress lines.
     */
    public ReplaySummary replay(Path input, Path outputDir, EventOrder order, Consumer<String> progress)
            throws IOException {
        long started = System.nanoTime();
        return replay(
                input, outputDir, order, (events, malformed) -> EventFile.scan(input, events, malformed), count -> {
                    FeedProgress feed = new FeedProgress(count, progress, QUIET_FOR, started);
                    feed.read();
                    return feed::fed;
                });
    }

    /**
     * Replays a file already read, so that a backtest reads its export once; {@code fedSince} hears, every few
     * thousand events, how many were fed since it last heard.
     */
    ReplaySummary replay(EventFile.Contents file, Path input, Path outputDir, EventOrder order, LongConsumer fedSince)
            throws IOException {
        return replay(
                input,
                outputDir,
                order,
                (events, malformed) -> {
                    for (DeadLetter deadLetter : file.malformed()) {
                        malformed.accept(deadLetter);
                    }
                    for (ReplayEvent event : file.events()) {
                        events.accept(event);
                    }
                    return file.lines();
                },
                count -> fedSince);
    }

    /** Where a replay's events come from: a file read line by line, or events already read. */
    @FunctionalInterface
    private interface Source {
        /** Hands over every event and malformed line, in line order; returns the number of lines. */
        long read(EventFile.Sink<ReplayEvent> events, EventFile.Sink<DeadLetter> malformed) throws IOException;
    }

    /** {@code fedSince}: given the number of events to feed, what hears how many were fed every few thousand. */
    private ReplaySummary replay(
            Path input, Path outputDir, EventOrder order, Source source, LongFunction<LongConsumer> fedSince)
            throws IOException {
        Files.createDirectories(outputDir);
        Path spillDir = Files.createTempDirectory(outputDir, SORT_DIR_PREFIX);
        try (DeadLetterFile deadLetters = new DeadLetterFile(spillDir, runBytes);
                EventOrder.Arranger arranger = order.arranger(spillDir, runBytes)) {
            long lines = source.read(arranger::add, deadLetters::add);
            EventOrder.Arranged arranged = arranger.arranged();
            String scope = "replay-" + UUID.randomUUID();
            AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + scope));
            ReplayCounts counts = new ReplayCounts();
            OutputFiles outputs = OutputFiles.open(outputDir);
            long rejected;
            try (outputs;
                    EventOrder.ArrangedEvents events = arranged.events();
                    Run run = new Run(
                            serdes,
                            counts,
                            outputs,
                            deadLetters,
                            Files.createTempDirectory(outputDir, STATE_DIR_PREFIX))) {
                run.feed(events, fedSince.apply(arranged.count()));
                run.writeHistory(outputDir.resolve(HISTORY_FILE));
                rejected = run.rejectedEvents;
            } finally {
                MockSchemaRegistry.dropScope(scope);
            }
            Map<String, Long> byReason = deadLetters.writeTo(outputDir.resolve(DLQ_FILE));
            // Every event read is fed once and ends up applied, duplicate, late or dead-lettered by the engine.
            long read = arranged.count();
            ReplaySummary summary = new ReplaySummary(
                    input.toString(),
                    order,
                    lines,
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
        } finally {
            deleteRecursively(spillDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** One replay over one test driver. */
    private final class Run implements AutoCloseable {
        private final AvroSerdes serdes;
        private final Serde<GenericRecord> genericSerde;
        private final ReplayCounts counts;
        private final OutputFiles outputs;
        private final DeadLetterFile deadLetters;
        private final Path stateDir;
        private final FedLines fedLines = new FedLines();

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
        Run(AvroSerdes serdes, ReplayCounts counts, OutputFiles outputs, DeadLetterFile deadLetters, Path stateDir) {
            this.serdes = serdes;
            this.genericSerde = serdes.genericValueSerde();
            this.counts = counts;
            this.outputs = outputs;
            this.deadLetters = deadLetters;
            this.stateDir = stateDir;
        }

        void feed(EventOrder.ArrangedEvents events, LongConsumer fedSince) throws IOException {
            ReplayEvent event = events.next();
            if (event == null) {
                return;
            }
            start();
            int fed = 0;
            for (; event != null; event = events.next()) {
                Instant occurredAt = Instant.ofEpochMilli(event.occurredAt());
                Object accountId = event.value().get("account_id");
                inputs.computeIfAbsent(
                                event.topic(),
                                t -> driver.createInputTopic(t, new StringSerializer(), genericSerde.serializer()))
                        .pipeInput(accountId == null ? null : accountId.toString(), event.value(), occurredAt);
                fedLines.fed(event.topic(), event.line());
                lastEventTime = Math.max(lastEventTime, event.occurredAt());
                if (++fed % FLUSH_EVERY == 0) {
                    driver.advanceWallClockTime(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
                }
                if (fed % drainEvery == 0) {
                    drain();
                    fedSince.accept(drainEvery);
                }
            }
            fedSince.accept(fed % drainEvery);
            endInput();
            drain();
            releaseHeldRecords();
            deadLetterLog.flush();
        }

        /**
         * The driver's wall clock is the real one at the start and moves a second every {@link #FLUSH_EVERY} events
         * fed: it is the processing time records carry, and time-based rules follow event time only, as they do live.
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
         * as final and the rest as provisional, and the segments' churn rates of every month that ended; the
         * account tasks' next flush releases the AccountHealth records that waited for those rates.
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
            driver.advanceWallClockTime(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
        }

        /**
         * Lets the wall clock pass KPI flushes until the account tasks hold no AccountHealth record for its LTV rate:
         * each flush releases a bounded batch (see LtvGate), drained before the next, so the records never pile up in
         * the driver. Stops should a flush release nothing, rather than spin.
         */
        private void releaseHeldRecords() throws IOException {
            long released = -1;
            while (holdsRecords() && released != 0) {
                long before = outputs.counts().getOrDefault(Topics.ACCOUNT_HEALTH, 0L);
                driver.advanceWallClockTime(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
                drain();
                released = outputs.counts().getOrDefault(Topics.ACCOUNT_HEALTH, 0L) - before;
            }
        }

        private boolean holdsRecords() {
            try (KeyValueIterator<String, Object> held = driver.<String, Object>getKeyValueStore(StoreNames.LTV_PENDING)
                    .all()) {
                return held.hasNext();
            }
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
            // The driver dead-letters an event while it is piped in: no later drain names these offsets.
            fedLines.forget();
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
            String offsetHeader = header(record, DeadLetterRecords.OFFSET);
            long offset = offsetHeader == null ? -1 : Long.parseLong(offsetHeader);
            long line = fedLines.line(topic, offset);
            rejectedEvents += fedLines.isInput(topic) ? 1 : 0;
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
    }
}
