package io.healthstream.topology.testdata;

import io.healthstream.app.Settings;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.replay.Replayer;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.topology.AccountHealthProcessor;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.ProcessingListener;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The real health topology on a TopologyTestDriver, with the real Avro serde on a {@code mock://}
 * registry scope that is dropped on close. Events go to the input topic of their type.
 */
public final class TopologyRun implements AutoCloseable {
    private final String scope;
    private final AvroSerdes serdes;
    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, SpecificRecord>> inputs = new HashMap<>();
    private final TestOutputTopic<String, PortfolioKpis> kpis;

    /** State lives under target/, not the OS temp dir, which may be cleaned under it. */
    public TopologyRun(String scope, Map<String, String> settings, Instant start) {
        this.scope = scope;
        this.serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + scope));
        Settings config = Settings.of(settings);
        Properties properties = config.streamsProperties();
        properties.putAll(Replayer.TEST_DRIVER_OVERRIDES);
        try {
            properties.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kpi-ttd-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(HealthTopology.build(config.topology(), serdes::valueSerde,
                ProcessingListener.NONE), properties, start);
        kpis = driver.createOutputTopic(Topics.SAAS_KPIS, new StringDeserializer(),
                serdes.valueSerde(PortfolioKpis.class).deserializer());
    }

    /**
     * Pipes {@code event} (a generated input record) keyed by its account id, at its occurred_at, then lets
     * the wall clock pass one KPI flush, as a live task would between events.
     */
    public void send(SpecificRecord event) {
        pipe(event);
        driver.advanceWallClockTime(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
    }

    /** Pipes every event, letting the wall clock pass one KPI flush after each {@code flushEvery} of them and at the end. */
    public void sendAll(List<SpecificRecord> events, int flushEvery) {
        for (int i = 0; i < events.size(); i++) {
            pipe(events.get(i));
            if ((i + 1) % flushEvery == 0 || i == events.size() - 1) {
                driver.advanceWallClockTime(AccountHealthProcessor.KPI_FLUSH_INTERVAL);
            }
        }
    }

    private void pipe(SpecificRecord event) {
        String topic = HealthTopology.INPUT_TYPES.entrySet().stream()
                .filter(entry -> entry.getValue().isInstance(event)).findFirst().orElseThrow().getKey();
        TestInputTopic<String, SpecificRecord> input = inputs.computeIfAbsent(topic, this::inputTopic);
        GenericRecord fields = (GenericRecord) event;
        input.pipeInput(fields.get("account_id").toString(), event, (Instant) fields.get("occurred_at"));
    }

    /** Moves the driver's wall clock, which only flushes the tasks' KPI contributions. */
    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** The value stored under {@code key} in the state store {@code store}, null when there is none. */
    public <V> V stored(String store, String key) {
        return driver.<String, V>getKeyValueStore(store).get(key);
    }

    /** The state store {@code store}, to read directly. */
    public <V> KeyValueStore<String, V> store(String store) {
        return driver.getKeyValueStore(store);
    }

    /** Every saas-kpis record published since the last call, in order. */
    public List<KeyValue<String, PortfolioKpis>> kpis() {
        return kpis.readKeyValuesToList();
    }

    @SuppressWarnings("unchecked")
    private TestInputTopic<String, SpecificRecord> inputTopic(String topic) {
        Serde<SpecificRecord> serde = (Serde<SpecificRecord>) serdes.valueSerde(HealthTopology.INPUT_TYPES.get(topic));
        return driver.createInputTopic(topic, new StringSerializer(), serde.serializer());
    }

    @Override
    public void close() {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }
}
