package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.testdata.Events;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.EngineProcess;
import io.healthstream.testsupport.FreePort;
import io.healthstream.testsupport.GroupProgress;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.Waits;
import io.healthstream.tools.broker.EmbeddedKafkaBroker;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * What every fault scenario shares: a real broker and the schema registry in this JVM, a generated portfolio
 * (in arrival order, see {@link ReplayComparison#withoutLateArrivals}) and its {@code replay}, engines as separate
 * processes configured as an operator would, the comparison of what they committed with the replay, and the
 * figures each scenario records in {@code target/fault-suite/<scenario>.json} for the README's table.
 */
final class FaultCluster implements AutoCloseable {
    static final String APPLICATION_ID = "healthstream-faults";
    /** With -Dfaults.soak=true the scenarios run a bigger portfolio, for a longer stream under the fault. */
    static final boolean SOAK = Boolean.getBoolean("faults.soak");

    static final int PARTITIONS = 4;
    static final Duration DEADLINE = Duration.ofSeconds(SOAK ? 900 : 180);
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Path FIGURES = Path.of("target", "fault-suite");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int ACCOUNTS = SOAK ? 600 : 120;
    private static final int DAYS = SOAK ? 90 : 60;

    /** The generated events, day by day, and what {@code replay} makes of them: the same for every scenario. */
    private record Portfolio(Settings model, List<List<GeneratedEvent>> days, ReplayComparison replay) {}

    private static Portfolio portfolio;

    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    final Path work;
    final Settings model;
    final List<List<GeneratedEvent>> days;
    final ReplayComparison replay;
    private final List<EngineProcess> engines = new ArrayList<>();

    private FaultCluster(Path work) throws IOException {
        this.work = work;
        Portfolio shared = portfolio();
        this.model = shared.model();
        this.days = shared.days();
        this.replay = shared.replay();
        this.registry = EmbeddedSchemaRegistry.start(0);
        this.broker = EmbeddedKafkaBroker.start(Files.createDirectories(work.resolve("broker")));
        AvroPublisher.createTopics(broker().bootstrapServers(), PARTITIONS, Topics.INPUTS);
        AvroPublisher.createTopics(broker().bootstrapServers(), PARTITIONS, Topics.OUTPUTS);
        AvroPublisher.createTopics(broker().bootstrapServers(), 1, List.of(Topics.DEAD_LETTER));
    }

    /** A broker with every topic and the registry; the portfolio and its replay are made once per JVM. */
    static FaultCluster start(Path work) throws IOException {
        return new FaultCluster(work);
    }

    private static synchronized Portfolio portfolio() throws IOException {
        if (portfolio == null) {
            Settings model = Settings.load(Path.of("src/main/resources/demo.properties"), Map.of());
            PortfolioSimulation simulation = new PortfolioSimulation(
                    new PortfolioSpec(ACCOUNTS, DAYS, 11, Instant.parse("2026-10-01T00:00:00Z")));
            List<List<GeneratedEvent>> published = new ArrayList<>();
            while (simulation.hasNextDay()) {
                published.add(simulation.simulateNextDay());
            }
            List<List<GeneratedEvent>> days = new ArrayList<>(ReplayComparison.withoutLateArrivals(published));
            days.add(closingDay(days));
            Path dir = Files.createDirectories(FIGURES.resolve("replay"));
            portfolio = new Portfolio(model, days, ReplayComparison.replayPublished(model, days, dir, "portfolio"));
        }
        return portfolio;
    }

    EmbeddedSchemaRegistry registry() {
        return registry;
    }

    /** Stops the schema registry: its port refuses connections until {@link #startRegistryAgain()}. */
    void stopRegistry() {
        registry.close();
    }

    /** Serves the same schemas on the same port again, as a registry back from an outage does. */
    void startRegistryAgain() {
        registry = EmbeddedSchemaRegistry.start(URI.create(registry.url()).getPort(), registry.registry());
    }

    EmbeddedKafkaBroker broker() {
        return broker;
    }

    /** Stops the broker and starts it again on the same data dir and ports; returns how long it was away. */
    Duration restartBroker() {
        Instant stopping = Instant.now();
        broker = broker.restart();
        return Duration.between(stopping, Instant.now());
    }

    int events() {
        return days.stream().mapToInt(List::size).sum();
    }

    /**
     * One event per partition, two days after the last: a partition's stream time ends at its own last event,
     * so without it the time-based signals due between that and the portfolio's last event would fire in the
     * replay (one partition) and not live. Each goes to an account of its own, keyed onto its partition.
     */
    private static List<GeneratedEvent> closingDay(List<List<GeneratedEvent>> days) {
        List<GeneratedEvent> lastDay = days.get(days.size() - 1);
        Instant after = lastDay.get(lastDay.size() - 1).occurredAt().plus(Duration.ofDays(2));
        List<GeneratedEvent> closing = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            String account = accountOnPartition(partition);
            closing.add(new GeneratedEvent(
                    Topics.USAGE_EVENTS,
                    account,
                    Events.usage()
                            .account(account)
                            .id("closing-" + partition)
                            .at(after)
                            .avro(),
                    after));
        }
        return closing;
    }

    private static String accountOnPartition(int partition) {
        for (int n = 0; ; n++) {
            String account = "closing-" + n;
            byte[] key = account.getBytes(StandardCharsets.UTF_8);
            if (BuiltInPartitioner.partitionForKey(key, PARTITIONS) == partition) {
                return account;
            }
        }
    }

    /** Publishes every day of the portfolio: the backlog the engines work through while the fault strikes. */
    void publishPortfolio() {
        publish(days);
    }

    /** Publishes {@code published} (days of the portfolio), in order; returns how many events. */
    int publish(List<List<GeneratedEvent>> published) {
        try (AvroPublisher publisher = publisher()) {
            published.forEach(publisher::publishAll);
        }
        return published.stream().mapToInt(List::size).sum();
    }

    /**
     * Starts instances {@code a} and {@code b} and waits until both run and hold partitions, so that a fault
     * strikes a group at work.
     */
    List<EngineProcess> startTwoEngines(Map<String, String> overrides) {
        List<EngineProcess> two = List.of(startEngine("a", overrides), startEngine("b", overrides));
        two.forEach(engine -> engine.awaitRunning(START_TIMEOUT));
        Waits.atMost(START_TIMEOUT, () -> two.stream().allMatch(FaultCluster::holdsPartitions));
        assertThat(two).as("instances holding partitions").allMatch(FaultCluster::holdsPartitions);
        return two;
    }

    /** Whether {@code engine} answers and holds partitions whose store it can query. */
    static boolean holdsPartitions(EngineProcess engine) {
        try {
            return "queryable"
                    .equals(HttpCalls.get(engine.baseUrl() + "/health/ready")
                            .json()
                            .path("stores")
                            .path("accounts")
                            .asText());
        } catch (UncheckedIOException | AssertionError e) {
            return false;
        }
    }

    /** {@code event}'s value in the wire format, as its producer serializes it. */
    @SuppressWarnings("unchecked")
    static byte[] serialized(AvroSerdes serdes, GeneratedEvent event) {
        return serdes.valueSerde((Class<SpecificRecord>) event.value().getClass())
                .serializer()
                .serialize(event.topic(), event.value());
    }

    AvroPublisher publisher() {
        return new AvroPublisher(
                broker().bootstrapServers(),
                AvroSerdes.fromConfig(Map.of("schema.registry.url", registry().url())));
    }

    /**
     * Starts {@code run --config} for instance {@code name}, with its own state dir and HTTP port, {@code overrides}
     * on top of the portfolio's model and {@code POD_NAME} set to {@code name}, as a StatefulSet's pod has it.
     */
    EngineProcess startEngine(String name, Map<String, String> overrides) {
        return startEngine(name, overrides, Function.identity());
    }

    /** As {@link #startEngine(String, Map)}, the registry URL rewritten by {@code registryUrl} (a proxy, say). */
    EngineProcess startEngine(String name, Map<String, String> overrides, Function<String, String> registryUrl) {
        int port = FreePort.pick();
        Map<String, String> values = new TreeMap<>(model.values());
        values.put("bootstrap.servers", broker().bootstrapServers());
        values.put("schema.registry.url", registryUrl.apply(registry().url()));
        values.put("application.id", APPLICATION_ID);
        values.put("input.partitions", Integer.toString(PARTITIONS));
        values.put("kafka.state.dir", stateDir(name).toString());
        values.put("http.bind", "127.0.0.1");
        values.put("http.port", Integer.toString(port));
        values.put("kafka.application.server", "127.0.0.1:" + port);
        values.putAll(overrides);
        Path config = work.resolve(name + ".properties");
        Properties properties = new Properties();
        properties.putAll(values);
        try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            properties.store(writer, "fault suite instance " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EngineProcess engine =
                EngineProcess.start(name, config, port, work.resolve(name + ".log"), Map.of("POD_NAME", name));
        engines.add(engine);
        return engine;
    }

    Path stateDir(String name) {
        return work.resolve("state-" + name);
    }

    GroupProgress watchProgress() {
        return GroupProgress.watch(broker().bootstrapServers(), APPLICATION_ID, Topics.INPUTS, PARTITIONS);
    }

    /** Waits until the group has committed a fifth of the input, so that a fault strikes in the middle of the stream. */
    void awaitMidStream(GroupProgress progress) {
        Waits.atMost(DEADLINE, () -> progress.committedTotal() >= publishedInputs() / 5);
        assertThat(progress.committedTotal())
                .as("committed when the fault strikes")
                .isBetween(publishedInputs() / 5, publishedInputs() - 1);
    }

    /** Waits until the group has committed every input record, or the deadline passes. */
    void awaitAllCommitted(GroupProgress progress) {
        Waits.atMost(DEADLINE, () -> progress.committedTotal() >= publishedInputs());
        assertThat(progress.committedTotal())
                .as("input records committed by the group")
                .isGreaterThanOrEqualTo(publishedInputs());
    }

    long publishedInputs() {
        return events();
    }

    /** What the engines committed to the id-keyed output topics, read read_committed, as the replay writes it. */
    Map<String, List<JsonNode>> committedOutputs() {
        Map<String, Integer> wanted = new HashMap<>();
        ReplayComparison.ACCOUNT_TOPICS.forEach(
                topic -> wanted.put(topic, replay.expected(topic).size()));
        Settings reader = Settings.of(Map.of("bootstrap.servers", broker().bootstrapServers()));
        Map<String, List<ConsumerRecord<String, byte[]>>> records = CommittedOutputs.read(reader, wanted, DEADLINE);
        Map<String, List<JsonNode>> outputs = new TreeMap<>();
        records.forEach((topic, list) -> outputs.put(
                topic, CommittedOutputs.asJson(topic, list, registry().url())));
        return outputs;
    }

    /**
     * Asserts that every account topic holds, account by account and record for record, what the replay wrote;
     * returns the figures: records expected, lost (in the replay, not committed) and duplicated (committed twice).
     */
    Map<String, Object> assertSameAsReplay(Map<String, List<JsonNode>> outputs) {
        long expected = 0;
        long lost = 0;
        long duplicated = 0;
        for (String topic : ReplayComparison.ACCOUNT_TOPICS) {
            List<String> want = canonical(replay.expected(topic));
            List<String> got = canonical(outputs.get(topic));
            expected += want.size();
            lost += missingFrom(got, want);
            duplicated += missingFrom(want, got);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("output_records", expected);
        figures.put("lost", lost);
        figures.put("duplicated", duplicated);
        ReplayComparison.ACCOUNT_TOPICS.forEach(topic -> replay.assertMatches(topic, outputs.get(topic)));
        return figures;
    }

    /** How many of {@code records} are not matched, one for one, in {@code in}. */
    private static long missingFrom(List<String> in, List<String> records) {
        Map<String, Integer> available = new HashMap<>();
        in.forEach(record -> available.merge(record, 1, Integer::sum));
        long missing = 0;
        for (String record : records) {
            if (available.merge(record, -1, Integer::sum) < 0) {
                missing++;
            }
        }
        return missing;
    }

    private static List<String> canonical(List<JsonNode> records) {
        return records.stream()
                .map(record -> ReplayComparison.withoutProcessingTime(record).toString())
                .toList();
    }

    /** Writes {@code figures} to {@code target/fault-suite/<scenario>.json}. */
    static void record(String scenario, Map<String, Object> figures) {
        try {
            Files.createDirectories(FIGURES);
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("scenario", scenario);
            all.put("soak", SOAK);
            all.putAll(figures);
            JSON.writerWithDefaultPrettyPrinter()
                    .writeValue(FIGURES.resolve(scenario + ".json").toFile(), all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 100.0) / 10.0;
    }

    @Override
    public void close() {
        engines.forEach(EngineProcess::close);
        broker.close();
        registry.close();
    }
}
