package io.healthstream.app;

import io.healthstream.tools.generator.Pace;
import io.healthstream.tools.generator.PortfolioExport;
import io.healthstream.tools.generator.PortfolioGenerator;
import io.healthstream.tools.generator.PortfolioPublisher;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.tools.generator.ProgressBar;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code healthstream generate}: publishes a synthetic SaaS portfolio to Kafka. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Publishes a realistic synthetic SaaS portfolio (Avro, keyed by account id) to the input topics.",
            "Event time runs over the simulated days and ends now; the same seed gives the same portfolio."
        })
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka brokers.")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry.")
    private String schemaRegistryUrl;

    @Option(
            names = "--export",
            paramLabel = "FILE",
            description = "Write the events to FILE in the replay input format instead of publishing them.")
    private Path export;

    @Option(
            names = "--accounts",
            defaultValue = "1000",
            paramLabel = "N",
            description = "Accounts (default ${DEFAULT-VALUE}).")
    private int accounts;

    @Option(
            names = "--days",
            defaultValue = "90",
            paramLabel = "D",
            description = "Simulated days (default ${DEFAULT-VALUE}).")
    private int days;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "Events per second; without it, as fast as the broker takes them.")
    private Double rate;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Random seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        if (accounts < 1 || days < 1 || rate != null && rate <= 0) {
            throw new UserError("--accounts and --days must be at least 1, --rate positive");
        }
        if (export != null) {
            return exportToFile();
        }
        if (bootstrapServers == null || schemaRegistryUrl == null) {
            throw new UserError(
                    "--bootstrap-servers and --schema-registry-url are required unless --export FILE is given");
        }
        Settings settings =
                Settings.of(Map.of("bootstrap.servers", bootstrapServers, "schema.registry.url", schemaRegistryUrl));
        ClusterPreflight.requireBroker(settings);
        try (Admin admin = ClusterPreflight.admin(settings)) {
            ClusterPreflight.requireTopics(admin, Topics.INPUTS);
        }
        ClusterPreflight.requireRegistry(settings);

        PortfolioSpec spec =
                new PortfolioSpec(accounts, days, seed, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        PortfolioSimulation simulation = new PortfolioSimulation(spec);
        System.err.printf(
                "Simulating %d accounts over %d days (%s to %s), seed %d: %s%n",
                accounts, days, spec.start(), spec.end(), seed, simulation.personas());
        Instant started = Instant.now();
        try (PortfolioPublisher publisher =
                new PortfolioPublisher(settings.kafkaClientProperties(), schemaRegistryUrl)) {
            PortfolioGenerator generator = new PortfolioGenerator(
                    simulation,
                    publisher,
                    rate == null ? Pace.unlimited() : Pace.perSecond(rate),
                    new ProgressBar(System.err));
            Thread main = Thread.currentThread();
            Thread stopOnSignal = new Thread(
                    () -> {
                        generator.stop();
                        Threads.join(main, Duration.ofSeconds(10));
                    },
                    "healthstream-generate-stop");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            generator.run();
            removeQuietly(stopOnSignal);
            double seconds =
                    Math.max(1, Duration.between(started, Instant.now()).toMillis()) / 1000.0;
            System.err.printf(
                    "Published %,d events in %.1f s (%,.0f events/s)%n",
                    publisher.acknowledged(), seconds, publisher.acknowledged() / seconds);
        }
        return 0;
    }

    private int exportToFile() {
        PortfolioSimulation simulation = new PortfolioSimulation(
                new PortfolioSpec(accounts, days, seed, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        try {
            long written = PortfolioExport.write(simulation, export);
            System.err.printf("Wrote %,d events of %d accounts over %d days to %s%n", written, accounts, days, export);
        } catch (IOException e) {
            throw new UserError("cannot write " + export + ": "
                    + (e instanceof NoSuchFileException ? "no such directory" : e.getMessage()));
        }
        return 0;
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmShuttingDown) {
            // The hook is running: it stopped the generator, which is why run() returned.
        }
    }
}
