package io.healthstream.tools.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker for the one-command demo and the integration tests: one combined
 * broker+controller node in KRaft mode on 127.0.0.1, on free ports.
 *
 * <p>The broker runs as a child JVM ({@code kafka.Kafka server.properties}) on this JVM's classpath
 * rather than in-process, because a process can be stopped completely: SIGTERM runs Kafka's own
 * controlled shutdown and, should that hang, the process is killed. An in-process
 * {@code KafkaRaftServer} leaves JVM-wide state behind after shutdown (the Yammer metrics registry
 * and its tick thread, log4j and JMX registrations), and shares heap and GC pauses with the
 * application under test. The price is one JVM start, about a second on two cores. Storage is
 * formatted in-process, since that only writes files.
 *
 * <p>With a data dir of its own ({@link #start()}) the broker deletes it on {@link #close()}; a
 * caller-given data dir ({@link #start(Path)}) is kept and a later start reuses its logs. Broker
 * output goes to {@code broker.log} in the data dir.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration FORCED_STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    // Free ports are picked before the child binds them; another process may take one in between.
    private static final int START_ATTEMPTS = 3;

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final SingleNodeKraftConfig config;
    private final Process process;
    private final Thread stopOnJvmExit;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedKafkaBroker(Path dataDir, boolean ownsDataDir, SingleNodeKraftConfig config, Process process) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.config = config;
        this.process = process;
        this.stopOnJvmExit = new Thread(this::stop, "embedded-kafka-broker-stop");
        Runtime.getRuntime().addShutdownHook(stopOnJvmExit);
    }

    /** Starts a broker on a temporary data dir that {@link #close()} deletes. */
    public static EmbeddedKafkaBroker start() {
        try {
            return start(Files.createTempDirectory("healthstream-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary data dir", e);
        }
    }

    /** Starts a broker whose logs live under {@code dataDir}, which is kept after {@link #close()}. */
    public static EmbeddedKafkaBroker start(Path dataDir) {
        return start(dataDir.toAbsolutePath(), false);
    }

    /**
     * Starts a broker on a temporary data dir with, besides its PLAINTEXT listener, a SASL_PLAINTEXT one
     * that accepts {@code users} (name to password) with the PLAIN mechanism.
     */
    public static EmbeddedKafkaBroker startWithSaslPlain(Map<String, String> users) {
        return startInTemporaryDir(Optional.of(users), Optional.empty(), "");
    }

    /**
     * Starts a broker on a temporary data dir with, besides its PLAINTEXT listener, an SSL one presenting
     * the key in the PKCS12 {@code keystore} (store and key password {@code password}).
     */
    public static EmbeddedKafkaBroker startWithSsl(Path keystore, String password) {
        return startInTemporaryDir(Optional.empty(), Optional.of(keystore.toAbsolutePath()), password);
    }

    private static EmbeddedKafkaBroker startInTemporaryDir(
            Optional<Map<String, String>> saslUsers, Optional<Path> keystore, String password) {
        try {
            return start(Files.createTempDirectory("healthstream-kafka-"), true, saslUsers, keystore, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary data dir", e);
        }
    }

    private static EmbeddedKafkaBroker start(Path dataDir, boolean ownsDataDir) {
        return start(dataDir, ownsDataDir, Optional.empty(), Optional.empty(), "");
    }

    private static EmbeddedKafkaBroker start(
            Path dataDir,
            boolean ownsDataDir,
            Optional<Map<String, String>> saslUsers,
            Optional<Path> keystore,
            String keystorePassword) {
        Path logDir = dataDir.resolve("kraft-combined-logs");
        return start(
                dataDir,
                ownsDataDir,
                () -> new SingleNodeKraftConfig(
                        logDir,
                        FreePorts.nextFree(),
                        FreePorts.nextFree(),
                        saslUsers.map(
                                users -> new SingleNodeKraftConfig.SaslPlainListener(FreePorts.nextFree(), users)),
                        keystore.map(store ->
                                new SingleNodeKraftConfig.SslListener(FreePorts.nextFree(), store, keystorePassword))));
    }

    /**
     * Stops this broker (controlled shutdown) and starts a new one on the same data dir and the same ports, as an
     * operator restarts a broker: clients keep their {@code bootstrap.servers}. This object is stopped afterwards;
     * use (and close) the one returned.
     */
    public EmbeddedKafkaBroker restart() {
        stopProcess();
        removeShutdownHook();
        return start(dataDir, ownsDataDir, () -> config);
    }

    private static EmbeddedKafkaBroker start(Path dataDir, boolean ownsDataDir, Supplier<SingleNodeKraftConfig> ports) {
        Instant started = Instant.now();
        Path logDir = dataDir.resolve("kraft-combined-logs");
        Path brokerLog = dataDir.resolve("broker.log");
        for (int attempt = 1; ; attempt++) {
            SingleNodeKraftConfig config = ports.get();
            Process process = null;
            try {
                Files.createDirectories(logDir);
                StorageFormatter.formatIfNeeded(config);
                process = launch(writeServerProperties(dataDir, config), brokerLog);
                awaitReady(process, config, brokerLog, started.plus(STARTUP_TIMEOUT));
                LOG.info(
                        "Kafka broker ready at {} in {} ms (data dir {})",
                        config.bootstrapServers(),
                        Duration.between(started, Instant.now()).toMillis(),
                        dataDir);
                return new EmbeddedKafkaBroker(dataDir, ownsDataDir, config, process);
            } catch (RuntimeException e) {
                boolean retry = process != null
                        && !process.isAlive()
                        && attempt < START_ATTEMPTS
                        && BrokerLog.tail(brokerLog).contains("Address already in use");
                if (process != null) {
                    ChildProcesses.stop(process, FORCED_STOP_TIMEOUT, FORCED_STOP_TIMEOUT);
                }
                if (!retry) {
                    if (ownsDataDir) {
                        DataDirs.deleteQuietly(dataDir);
                    }
                    throw e;
                }
                LOG.warn("Kafka broker port was taken before it could bind, retrying with other ports");
            } catch (IOException e) {
                if (ownsDataDir) {
                    DataDirs.deleteQuietly(dataDir);
                }
                throw new UncheckedIOException("could not prepare Kafka data dir " + dataDir, e);
            }
        }
    }

    /** The {@code bootstrap.servers} value for clients of this broker, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /** The {@code bootstrap.servers} of the SASL_PLAINTEXT listener, when started with one. */
    public Optional<String> saslBootstrapServers() {
        return config.saslBootstrapServers();
    }

    /** The {@code bootstrap.servers} of the SSL listener, when started with one. */
    public Optional<String> sslBootstrapServers() {
        return config.sslBootstrapServers();
    }

    /** The broker's process id, for measuring what the process uses. */
    public long pid() {
        return process.pid();
    }

    /** Where the broker keeps its logs, its server.properties and its own output. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker (controlled shutdown, killed after 20 s) and deletes a temporary data dir. */
    @Override
    public void close() {
        stop();
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnJvmExit);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // The hook runs or has run stop(), which is idempotent.
        }
    }

    private void stop() {
        if (stopProcess() && ownsDataDir && !DataDirs.deleteQuietly(dataDir)) {
            LOG.warn("Could not delete the broker's data dir {}", dataDir);
        }
    }

    /** Stops the process once; returns whether this call stopped it. */
    private boolean stopProcess() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        Instant stopping = Instant.now();
        boolean graceful = ChildProcesses.stop(process, GRACEFUL_STOP_TIMEOUT, FORCED_STOP_TIMEOUT);
        if (!graceful) {
            LOG.warn("Kafka broker did not stop within {} s and was killed", GRACEFUL_STOP_TIMEOUT.toSeconds());
        }
        LOG.info(
                "Kafka broker at {} stopped in {} ms",
                config.bootstrapServers(),
                Duration.between(stopping, Instant.now()).toMillis());
        return true;
    }

    private static Path writeServerProperties(Path dataDir, SingleNodeKraftConfig config) throws IOException {
        Path file = dataDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            config.toProperties().store(writer, "Single-node KRaft broker written by EmbeddedKafkaBroker");
        }
        return file;
    }

    private static Process launch(Path serverProperties, Path brokerLog) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Djava.awt.headless=true",
                // Kafka's own shutdown hook logs after log4j's would have stopped logging.
                "-Dlog4j2.shutdownHookEnabled=false",
                "-cp",
                JvmClasspath.absolute(),
                "kafka.Kafka",
                serverProperties.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile()));
        return builder.start();
    }

    private static void awaitReady(Process process, SingleNodeKraftConfig config, Path brokerLog, Instant deadline) {
        awaitUntil(deadline, process, brokerLog, () -> acceptsConnections(config.brokerPort()));
        // Only now an admin client: against a closed port it would log a warning per retry.
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            awaitUntil(deadline, process, brokerLog, () -> describesCluster(admin));
        }
    }

    private static void awaitUntil(Instant deadline, Process process, Path brokerLog, ReadinessCheck check) {
        while (!check.passes()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with code " + process.exitValue()
                        + " during startup; its output ends with:\n" + BrokerLog.tail(brokerLog));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka broker not ready within " + STARTUP_TIMEOUT.toSeconds()
                        + " s; its output ends with:\n" + BrokerLog.tail(brokerLog));
            }
            try {
                process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
            }
        }
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean describesCluster(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes()
                    .get(3, TimeUnit.SECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    @FunctionalInterface
    private interface ReadinessCheck {
        boolean passes();
    }
}
