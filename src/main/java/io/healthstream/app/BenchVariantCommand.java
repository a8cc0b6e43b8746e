package io.healthstream.app;

import io.healthstream.replay.ReplaySummary;
import io.healthstream.replay.Replayer;
import io.healthstream.tools.bench.Baselines;
import io.healthstream.tools.bench.BenchReport;
import io.healthstream.tools.bench.BenchVariant;
import io.healthstream.tools.bench.ConsumptionWatch;
import io.healthstream.tools.bench.DiskUsage;
import io.healthstream.tools.bench.LatencyProbe;
import io.healthstream.tools.bench.ProcessMeter;
import io.healthstream.tools.bench.TopicSizes;
import io.healthstream.tools.bench.VariantResult;
import io.healthstream.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One variant of {@code healthstream bench} in a JVM of its own (the bench starts it): runs it over the preloaded
 * input until every record is committed, measures itself and writes a {@link VariantResult} as JSON. Not for users, hence hidden.
 */
@Command(name = "bench-variant", hidden = true, description = "Runs one variant of healthstream bench.")
final class BenchVariantCommand implements Callable<Integer> {
    /** A variant that commits nothing for this long has failed. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(3);
    /** A restore reads the whole state at once, gigabytes for a million accounts: it may take this long. */
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(60);
    /**
     * At-least-once commits every 30 s by default, and only committed offsets show that the input was consumed; so
     * the at-least-once variants commit every second, which the README states next to the figures.
     */
    static final String ALOS_COMMIT_INTERVAL_MS = "1000";

    @Option(names = "--variant", required = true)
    private String variant;

    @Option(names = "--bootstrap-servers", required = true)
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", required = true)
    private String registryUrl;

    @Option(names = "--run", required = true, description = "Names this bench run's application ids.")
    private String run;

    @Option(names = "--state-dir", required = true)
    private Path stateDir;

    @Option(names = "--partitions", required = true)
    private int partitions;

    @Option(names = "--threads", required = true)
    private int threads;

    @Option(names = "--input-records", required = true)
    private long inputRecords;

    @Option(names = "--accounts", required = true)
    private int accounts;

    @Option(names = "--seed", required = true)
    private long seed;

    @Option(names = "--export", required = true)
    private Path export;

    @Option(names = "--latency-rate", defaultValue = "0")
    private double latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "30")
    private int latencySeconds;

    @Option(names = "--broker-pid", description = "The broker's process, when bench started it, for its CPU time.")
    private Long brokerPid;

    @Option(names = "--set", paramLabel = "SETTING=VALUE", description = "A setting to add or replace (latency runs).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--result", required = true)
    private Path result;

    @Override
    public Integer call() throws Exception {
        ProcessMeter.watchHeap();
        BenchVariant what = BenchVariant.ofLabel(variant);
        Settings settings = settings(what);
        VariantResult measured;
        if (what == BenchVariant.REPLAY) {
            measured = replay(settings);
        } else if (what == BenchVariant.LATENCY) {
            measured = latency(settings);
        } else {
            try (Admin admin = Admin.create(settings.kafkaClientProperties())) {
                measured = what == BenchVariant.RESTORE ? restore(settings, admin) : onKafka(what, settings, admin);
            }
        }
        BenchReport.writeResult(measured, result);
        return 0;
    }

    /** The exactly-once engine, caught up on its state, under live events: only the latency is measured. */
    private VariantResult latency(Settings settings) throws InterruptedException {
        try (Engine engine = Engine.start(settings)) {
            if (!engine.awaitState(KafkaStreams.State.RUNNING, STALL_TIMEOUT)) {
                throw new IllegalStateException(
                        "the engine was not running within " + STALL_TIMEOUT.toMinutes() + " min");
            }
            LatencyProbe.Latency latency = new LatencyProbe(settings.kafkaClientProperties(), registryUrl)
                    .measure(accounts, seed + 1, latencyRate, Duration.ofSeconds(latencySeconds));
            return new VariantResult(
                    overrides.isEmpty()
                            ? BenchVariant.LATENCY.label()
                            : BenchVariant.LATENCY.label() + " with " + String.join(", ", overrides),
                    latency.sent(),
                    latencySeconds,
                    latencyRate,
                    0,
                    -1,
                    0,
                    0,
                    0,
                    ProcessMeter.peakHeapBytes(),
                    ProcessMeter.peakRssBytes(),
                    latency);
        }
    }

    /**
     * The exactly-once engine's state directory deleted, as a lost disk or a new machine leaves it, then the engine
     * started on it: how long it takes to read its state back from the changelogs, timed by {@link RestoreProgress}
     * from the first changelog partition begun to the last one done (the group join before it left out).
     */
    private VariantResult restore(Settings settings, Admin admin) throws Exception {
        Path state = stateDir.resolve(settings.applicationId());
        Utils.delete(state.toFile());
        long changelogBytes =
                new TopicSizes(admin, settings.kafkaClientProperties()).changelogBytes(settings.applicationId());
        long cpuBefore = ProcessMeter.cpuTime().toNanos();
        try (Engine engine = Engine.start(settings)) {
            if (!engine.awaitState(KafkaStreams.State.RUNNING, RESTORE_TIMEOUT)) {
                throw new IllegalStateException(
                        "the engine had not restored its state within " + RESTORE_TIMEOUT.toMinutes() + " min");
            }
            RestoreProgress.Totals restored = engine.restored();
            double seconds = restored.spent().toNanos() / 1e9;
            return new VariantResult(
                    BenchVariant.RESTORE.label(),
                    restored.records(),
                    seconds,
                    seconds == 0 ? 0 : restored.records() / seconds,
                    (ProcessMeter.cpuTime().toNanos() - cpuBefore) / 1e3 / Math.max(1, restored.records()),
                    -1,
                    changelogBytes,
                    DiskUsage.of(state),
                    0,
                    ProcessMeter.peakHeapBytes(),
                    ProcessMeter.peakRssBytes(),
                    null);
        }
    }

    private VariantResult onKafka(BenchVariant what, Settings settings, Admin admin) throws Exception {
        String applicationId = settings.applicationId();
        TopicSizes sizes = new TopicSizes(admin, settings.kafkaClientProperties());
        Map<TopicPartition, Long> outputsBefore =
                what.isBaseline() ? createOutputTopic(admin) : sizes.endOffsets(Topics.OUTPUTS);
        ConsumptionWatch watch = new ConsumptionWatch(
                admin,
                applicationId,
                Topics.INPUTS,
                STALL_TIMEOUT,
                Optional.ofNullable(brokerPid).flatMap(ProcessHandle::of));
        long start = System.nanoTime();
        try (AutoCloseable running = start(what, settings)) {
            ConsumptionWatch.Consumption consumption = watch.awaitAll(inputRecords, start);
            running.close();
            return new VariantResult(
                    what.label(),
                    consumption.records(),
                    consumption.elapsed().toNanos() / 1e9,
                    consumption.steadyPerSecond(),
                    consumption.cpuSecondsPerMillion(),
                    consumption.brokerCpuSecondsPerMillion(),
                    sizes.changelogBytes(applicationId),
                    DiskUsage.of(stateDir.resolve(applicationId)),
                    sizes.recordsSince(outputsBefore),
                    ProcessMeter.peakHeapBytes(),
                    ProcessMeter.peakRssBytes(),
                    null);
        }
    }

    /**
     * Creates the baseline's own output topic and returns its partitions at offset 0: asked right after creation,
     * the broker may not describe every partition yet, and a partition left out would not be counted.
     */
    private Map<TopicPartition, Long> createOutputTopic(Admin admin) throws Exception {
        admin.createTopics(List.of(new NewTopic(outputTopic(), Optional.of(partitions), Optional.empty())))
                .all()
                .get();
        return IntStream.range(0, partitions)
                .boxed()
                .collect(Collectors.toMap(partition -> new TopicPartition(outputTopic(), partition), partition -> 0L));
    }

    private AutoCloseable start(BenchVariant what, Settings settings) {
        if (what.kind() == BenchVariant.Kind.ENGINE) {
            return Engine.start(settings);
        }
        Topology topology = what.kind() == BenchVariant.Kind.STATEFUL
                ? Baselines.minimalStateful(Topics.INPUTS, outputTopic())
                : Baselines.passThrough(Topics.INPUTS, outputTopic());
        Properties props = new Properties();
        props.putAll(settings.kafkaClientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        return streams::close;
    }

    private VariantResult replay(Settings settings) throws Exception {
        Path outputDir = stateDir.resolve("replay-output");
        long cpuBefore = ProcessMeter.cpuTime().toNanos();
        long start = System.nanoTime();
        ReplaySummary summary =
                new Replayer(settings.topology(), settings.streamsProperties()).replay(export, outputDir);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new VariantResult(
                BenchVariant.REPLAY.label(),
                summary.eventsRead(),
                seconds,
                summary.eventsRead() / seconds,
                (ProcessMeter.cpuTime().toNanos() - cpuBefore) / 1e3 / Math.max(1, summary.eventsRead()),
                -1,
                0,
                0,
                summary.outputs().values().stream().mapToLong(Long::longValue).sum(),
                ProcessMeter.peakHeapBytes(),
                ProcessMeter.peakRssBytes(),
                null);
    }

    private String outputTopic() {
        return "bench-" + run + "-" + variant + "-output";
    }

    /** The engine's settings for the generated portfolio, with this variant's guarantee; the baselines take theirs. */
    private Settings settings(BenchVariant what) {
        Map<String, String> values = new HashMap<>(DemoCommand.demoModelSettings());
        values.put("bootstrap.servers", bootstrapServers);
        values.put("schema.registry.url", registryUrl);
        values.put("application.id", what.applicationId(run));
        values.put("kafka.state.dir", stateDir.toString());
        values.put("http.bind", "127.0.0.1");
        values.put("http.port", "0");
        values.put("input.partitions", Integer.toString(partitions));
        values.put("kafka." + StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        values.put("topics.input.retention.days", "forever");
        // The latency and restore runs follow the EOS engine in the same group: as static members they take its
        // partitions back at once, instead of waiting for the closed engine's session to expire.
        values.put(StaticMembership.INSTANCE_ID_KEY, what.applicationId(run));
        if (what.exactlyOnce()) {
            values.put("kafka." + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        } else {
            values.put("kafka." + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
            values.put("kafka." + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ALOS_COMMIT_INTERVAL_MS);
        }
        for (String override : overrides) {
            int equals = override.indexOf('=');
            values.put(override.substring(0, equals), override.substring(equals + 1));
        }
        return Settings.of(values);
    }
}
