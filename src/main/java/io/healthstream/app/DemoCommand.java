package io.healthstream.app;

import io.healthstream.tools.broker.EmbeddedKafkaBroker;
import io.healthstream.tools.demo.DemoMonitor;
import io.healthstream.tools.demo.DemoScreen;
import io.healthstream.tools.generator.Pace;
import io.healthstream.tools.generator.PortfolioGenerator;
import io.healthstream.tools.generator.PortfolioPublisher;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.tools.generator.ProgressListener;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.InvalidRecordHandler;
import io.healthstream.topology.UndeserializableRecordHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code healthstream demo}: everything on this machine in one command. A real Kafka broker, the
 * embedded schema registry, the topology and the portfolio generator on a compressed clock, with a
 * live summary every few seconds until Ctrl-C.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a Kafka broker, a schema registry, the health topology and a synthetic portfolio on "
                    + "this machine and prints a live summary until Ctrl-C.",
            "90 days of history play out in about a minute."
        })
final class DemoCommand implements Callable<Integer> {
    static final int DAYS = 90;
    /** 90 simulated days in 60 s of wall-clock time. */
    static final double SPEED_UP = Duration.ofDays(DAYS).toSeconds() / 60.0;

    private static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(5);
    /**
     * On SIGTERM or Ctrl-C the broker may stop at the same time as the engine (its own shutdown hook;
     * Ctrl-C also reaches its process): then the engine's last commit cannot finish, and waiting for it
     * longer than this only delays the exit. The data is the demo's own.
     */
    private static final Duration ENGINE_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final long SEED = 42;
    private static final Duration THREAD_STOP_TIMEOUT = Duration.ofSeconds(5);

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Keep the broker's logs and the engine's state here (default: a temporary dir, deleted on exit).")
    private Path dataDir;

    @Option(
            names = "--accounts",
            defaultValue = "300",
            paramLabel = "N",
            description = "Accounts (default ${DEFAULT-VALUE}).")
    private int accounts;

    private final AtomicBoolean tornDown = new AtomicBoolean();
    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private Engine engine;
    private PortfolioPublisher publisher;
    private PortfolioGenerator generator;
    private Thread generatorThread;
    private DemoMonitor monitor;
    private Thread monitorThread;
    private ScheduledExecutorService summaries;
    private Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (accounts < 1) {
            throw new UserError("--accounts must be at least 1");
        }
        Instant started = Instant.now();
        // The summary counts dead letters; one warning per invalid demo event would bury it.
        Configurator.setLevel(InvalidRecordHandler.class.getName(), Level.ERROR);
        Configurator.setLevel(UndeserializableRecordHandler.class.getName(), Level.ERROR);
        Thread tearDownOnSignal = new Thread(this::tearDown, "healthstream-demo-stop");
        Runtime.getRuntime().addShutdownHook(tearDownOnSignal);
        try {
            broker = dataDir == null ? EmbeddedKafkaBroker.start() : EmbeddedKafkaBroker.start(dataDir);
            registry = EmbeddedSchemaRegistry.start(0);
            stateDir = dataDir == null
                    ? Files.createTempDirectory("healthstream-demo-state-")
                    : dataDir.resolve("streams");
            Settings settings = settings(broker.bootstrapServers(), registry.url(), stateDir);
            try (Admin admin = ClusterPreflight.admin(settings)) {
                TopicProvisioner.createAll(admin, Optional.of(1), Optional.of((short) 1), settings.topicRetention());
            }
            engine = Engine.start(settings, ENGINE_CLOSE_TIMEOUT);
            startGenerator(settings);
            startSummaries(settings, started);
            return engine.awaitTermination() ? RunCommand.ENGINE_FAILED : 0;
        } finally {
            tearDown();
            try {
                Runtime.getRuntime().removeShutdownHook(tearDownOnSignal);
            } catch (IllegalStateException jvmShuttingDown) {
                // The hook is tearing down already.
            }
        }
    }

    /** The demo's configuration: the generator's model settings, the embedded cluster, state under the data dir. */
    static Settings settings(String bootstrapServers, String registryUrl, Path stateDir) {
        Map<String, String> values = new HashMap<>(demoModelSettings());
        values.put("bootstrap.servers", bootstrapServers);
        values.put("schema.registry.url", registryUrl);
        values.put("application.id", "healthstream-demo");
        values.put("kafka.state.dir", stateDir.toString());
        // Local only, on a free port: the summary prints where the metrics are.
        values.put("http.bind", "127.0.0.1");
        values.put("http.port", "0");
        // History plays 1.5 days a second: re-scoring every simulated day keeps decay visible and cheap.
        values.put("health.punctuate.interval", "1d");
        // Likewise, an open KPI period is re-published at most once a simulated day, not every simulated minute.
        values.put("kpis.emit.interval", "1d");

        return Settings.of(values);
    }

    /** The model settings matching the generated portfolio, from {@code demo.properties}. */
    static Map<String, String> demoModelSettings() {
        Properties properties = new Properties();
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo.properties from the jar", e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private void startGenerator(Settings settings) {
        PortfolioSpec spec =
                new PortfolioSpec(accounts, DAYS, SEED, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        publisher = new PortfolioPublisher(settings.kafkaClientProperties(), settings.schemaRegistryUrl());
        generator = new PortfolioGenerator(
                new PortfolioSimulation(spec),
                publisher,
                Pace.compressed(spec.start(), SPEED_UP),
                ProgressListener.NONE);
        generatorThread = new Thread(generator, "healthstream-demo-generator");
        generatorThread.start();
    }

    private void startSummaries(Settings settings, Instant started) {
        monitor = new DemoMonitor(settings.kafkaClientProperties(), registry.url());
        monitorThread = new Thread(monitor, "healthstream-demo-monitor");
        monitorThread.start();
        summaries = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "healthstream-demo-summary"));
        summaries.scheduleAtFixedRate(
                new LiveSummary(started),
                SUMMARY_INTERVAL.toMillis(),
                SUMMARY_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Prints the summary of the interval since its previous run. */
    private final class LiveSummary implements Runnable {
        private final Instant started;
        // On a terminal the summary redraws in place; piped output gets one block after another.
        private final String separator = System.console() != null ? "\033[H\033[2J" : "\n";
        private Instant lastAt;
        private long lastSent;

        LiveSummary(Instant started) {
            this.started = started;
            this.lastAt = started;
        }

        @Override
        public void run() {
            Instant now = Instant.now();
            long sent = publisher.sent();
            DemoScreen.Context context = new DemoScreen.Context(
                    Duration.between(started, now),
                    Duration.between(lastAt, now),
                    generator.daysDone(),
                    DAYS,
                    sent - lastSent,
                    broker.bootstrapServers(),
                    registry.url(),
                    engine.httpUrl());
            lastSent = sent;
            lastAt = now;
            System.out.print(separator + DemoScreen.render(monitor.snapshotAndReset(), context));
            System.out.flush();
        }
    }

    /** Stops everything in dependency order: inputs first, the broker last. Safe to call twice. */
    private void tearDown() {
        if (!tornDown.compareAndSet(false, true)) {
            return;
        }
        if (summaries != null) {
            summaries.shutdownNow();
        }
        if (generator != null) {
            generator.stop();
            generatorThread.interrupt();
            Threads.join(generatorThread, THREAD_STOP_TIMEOUT);
            publisher.close();
        }
        if (monitor != null) {
            monitor.close();
            Threads.join(monitorThread, THREAD_STOP_TIMEOUT);
        }
        if (engine != null) {
            engine.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (dataDir == null && stateDir != null) {
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            // Only a temporary dir is left behind; nothing to tell the user at exit.
        }
    }
}
