package io.healthstream.topology.testdata;

import io.healthstream.app.Settings;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.replay.Replayer;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.serde.SchemaRegistryConfig;
import io.healthstream.testdata.Events;
import io.healthstream.topology.AccountHealthProcessor;
import io.healthstream.topology.DeadLetterListener;
import io.healthstream.topology.DeadLetterLog;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.RecordingListener;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The one test-driver harness: the real health topology on a TopologyTestDriver with healthstream's Streams
 * settings, the real Avro serde on a {@code mock://} registry scope dropped on close, the wall clock starting
 * at {@code start}, and recorders for what the topology tells its listeners. Events go to the input topic of
 * their type. Close it after each test.
 */
public final class TopologyHarness implements AutoCloseable {
    private final String scope = "topology-harness-" + System.nanoTime();
    private final AvroSerdes serdes = new AvroSerdes(SchemaRegistryConfig.forUrl(MockSchemaRegistry.SCHEME + scope));
    private final RecordingListener listener = new RecordingListener();
    private final List<String> deadLettered = new ArrayList<>();
    private final TopologyTestDriver driver;
    private TestOutputTopic<String, PortfolioKpis> kpis;

    /** State under target/, not the OS temp dir, which may be cleaned under it. */
    public TopologyHarness(Map<String, String> settings, Instant start) {
        this(settings, start, stateDirUnderTarget());
    }

    public TopologyHarness(Map<String, String> settings, Instant start, Path stateDir) {
        this(settings, start, stateDir, new DeadLetterLog(Clock.systemUTC(), DeadLetterLog.DEFAULT_INTERVAL));
    }

    /** A harness whose exception handlers log through {@code deadLetterLog}. */
    public TopologyHarness(Map<String, String> settings, Instant start, DeadLetterLog deadLetterLog) {
        this(settings, start, stateDirUnderTarget(), deadLetterLog);
    }

    private TopologyHarness(Map<String, String> settings, Instant start, Path stateDir, DeadLetterLog deadLetterLog) {
        Settings config = Settings.of(settings);
        Properties properties = config.streamsProperties();
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.putAll(Replayer.TEST_DRIVER_OVERRIDES);
        DeadLetterListener.attach(properties, (topic, reason) -> deadLettered.add(reason));
        DeadLetterLog.attach(properties, deadLetterLog);
        driver = new TopologyTestDriver(
                HealthTopology.build(config.topology(), serdes::valueSerde, listener), properties, start);
    }

    /**
     * Pipes {@code event} (a generated input record) under its account id, then lets the wall clock pass two KPI
     * flushes, as a live task would: the first sends the task's clock to the KPI ledger, which publishes the
     * segments' churn rates; the second releases the AccountHealth records that waited for them (see LtvGate).
     */
    public void pipe(SpecificRecord event) {
        inputOf(event).pipeInput(accountId(event), event);
        advanceWallClock(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
        advanceWallClock(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
    }

    /**
     * The worked example's activity for an account whose subscription started at {@code start}: usage worth 100
     * (50 logins an hour later, 10 reports exported two hours later) and an NPS promoter three hours later.
     */
    public void pipeWorkedExampleActivity(String account, Instant start) {
        pipe(Events.usage()
                .account(account)
                .action("login")
                .count(50)
                .at(start.plus(Duration.ofHours(1)))
                .avro());
        pipe(Events.usage()
                .account(account)
                .action("report_exported")
                .count(10)
                .at(start.plus(Duration.ofHours(2)))
                .avro());
        pipe(Events.nps(9)
                .account(account)
                .user("user-1")
                .at(start.plus(Duration.ofHours(3)))
                .avro());
    }

    /**
     * Pipes {@code event} under its account id at its occurred_at, and nothing more: no KPI flush passes, so an
     * AccountHealth record that waits for a segment churn rate stays held until {@link #advanceWallClock} moves.
     */
    public void pipeWithoutFlush(SpecificRecord event) {
        inputOf(event).pipeInput(accountId(event), event, (Instant) ((GenericRecord) event).get("occurred_at"));
    }

    /** Pipes {@code event} under {@code key} with the record timestamp {@code timestamp}, whatever its own fields say. */
    public void pipe(String key, SpecificRecord event, Instant timestamp) {
        inputOf(event).pipeInput(key, event, timestamp);
        advanceWallClock(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
        advanceWallClock(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
    }

    /**
     * Pipes {@code event} keyed by its account id, at its occurred_at, then lets the wall clock pass one KPI
     * flush, as a live task would between events.
     */
    public void send(SpecificRecord event) {
        pipeAtOccurredAt(event);
        advanceWallClock(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
    }

    /** Pipes every event at its occurred_at, letting one KPI flush pass after each {@code flushEvery} of them and at the end. */
    public void sendAll(List<SpecificRecord> events, int flushEvery) {
        for (int i = 0; i < events.size(); i++) {
            pipeAtOccurredAt(events.get(i));
            if ((i + 1) % flushEvery == 0 || i == events.size() - 1) {
                advanceWallClock(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
            }
        }
    }

    private void pipeAtOccurredAt(SpecificRecord event) {
        pipe(accountId(event), event, (Instant) ((GenericRecord) event).get("occurred_at"));
    }

    /** An input topic for bytes that may not be Avro at all. */
    public TestInputTopic<String, byte[]> rawInput(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    public <T extends SpecificRecord> TestOutputTopic<String, T> output(String topic, Class<T> type) {
        return driver.createOutputTopic(
                topic, new StringDeserializer(), serdes.valueSerde(type).deserializer());
    }

    public TestOutputTopic<String, byte[]> deadLetters() {
        return driver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Every saas-kpis record published since the last call, in order. */
    public List<KeyValue<String, PortfolioKpis>> kpis() {
        if (kpis == null) {
            kpis = output(Topics.SAAS_KPIS, PortfolioKpis.class);
        }
        return kpis.readKeyValuesToList();
    }

    /** Moves the driver's wall clock, which only flushes the tasks' KPI contributions. */
    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** The state store {@code store}, to read directly. */
    public <V> KeyValueStore<String, V> store(String store) {
        return driver.getKeyValueStore(store);
    }

    /** The window store {@code store}, to read directly. */
    public <V> WindowStore<String, V> windowStore(String store) {
        return driver.getWindowStore(store);
    }

    /** The value stored under {@code key} in the state store {@code store}, null when there is none. */
    public <V> V stored(String store, String key) {
        return this.<V>store(store).get(key);
    }

    /** The serdes on the harness's registry scope, to register and write schemas the topology will read. */
    public AvroSerdes serdes() {
        return serdes;
    }

    /** What the topology told its processing listener. */
    public RecordingListener listener() {
        return listener;
    }

    /** The reasons of the dead letters counted, in order. */
    public List<String> deadLettered() {
        return deadLettered;
    }

    @Override
    public void close() {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> TestInputTopic<String, T> inputOf(T event) {
        String topic = HealthTopology.INPUT_TYPES.entrySet().stream()
                .filter(entry -> entry.getValue().isInstance(event))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an input event: " + event.getClass()))
                .getKey();
        Serde<T> serde = serdes.valueSerde((Class<T>) event.getClass());
        return driver.createInputTopic(topic, new StringSerializer(), serde.serializer());
    }

    private static String accountId(SpecificRecord event) {
        Object accountId = ((GenericRecord) event).get("account_id");
        return accountId == null ? null : accountId.toString();
    }

    private static Path stateDirUnderTarget() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "topology-harness-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
