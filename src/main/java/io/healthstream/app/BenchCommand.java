package io.healthstream.app;

import io.healthstream.tools.bench.BenchReport;
import io.healthstream.tools.bench.BenchVariant;
import io.healthstream.tools.bench.ConsumptionWatch;
import io.healthstream.tools.bench.VariantResult;
import io.healthstream.tools.broker.EmbeddedKafkaBroker;
import io.healthstream.tools.broker.JvmClasspath;
import io.healthstream.tools.generator.Pace;
import io.healthstream.tools.generator.PortfolioExport;
import io.healthstream.tools.generator.PortfolioGenerator;
import io.healthstream.tools.generator.PortfolioPublisher;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.tools.generator.ProgressListener;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code healthstream bench}: the engine measured against tiny Kafka Streams applications on the same broker and the
 * same preloaded input, each variant in a JVM of its own, one after the other.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Preloads a generated portfolio into Kafka, then runs on it, one after the other and each in a JVM of its"
                    + " own, pass-through and minimal stateful Kafka Streams baselines and the engine (exactly-once"
                    + " and at-least-once), the engine's end-to-end latency under live events, and replay;"
                    + " prints a table of throughput, CPU, changelog bytes, state size, outputs and memory."
        })
final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "A Kafka cluster whose healthstream input topics are empty or absent (default: a"
                    + " single-node broker started for the run, as a child JVM).")
    private String bootstrapServers;

    @Option(
            names = "--accounts",
            defaultValue = "1000",
            description = "Accounts in the generated portfolio (default: ${DEFAULT-VALUE}).")
    private int accounts;

    @Option(
            names = "--days",
            defaultValue = "30",
            description = "Days of history per account (default: ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--partitions",
            defaultValue = "4",
            description = "Partitions of every topic the bench creates (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Stream threads of every variant (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(
            names = "--latency-seconds",
            defaultValue = "30",
            description = "How long live events are published for the latency measurement (default: ${DEFAULT-VALUE}).")
    private int latencySeconds;

    @Option(
            names = "--heap",
            defaultValue = "1g",
            description = "-Xmx of each variant's JVM (default: ${DEFAULT-VALUE}).")
    private String heap;

    @Option(
            names = "--variants",
            split = ",",
            paramLabel = "NAME",
            description = "Run only these, comma-separated, of: pass-through-alos, pass-through-eos, stateful-eos,"
                    + " engine-alos, engine-eos, latency (needs engine-eos), restore (needs engine-eos), replay"
                    + " (default: all).")
    private List<String> variants =
            Arrays.stream(BenchVariant.values()).map(BenchVariant::label).toList();

    @Option(
            names = "--latency-runs",
            defaultValue = "1",
            description = "How many times latency runs with the engine's settings, one after another on the same state"
                    + " (default: ${DEFAULT-VALUE}); the first run after the catch-up is usually the slowest.")
    private int latencyRuns;

    @Option(
            names = "--latency-with",
            paramLabel = "SETTING=VALUE[,SETTING=VALUE...]",
            description = "Run latency again with these settings (repeatable), e.g. kafka.max.task.idle.ms=0.")
    private List<String> latencyWith = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    private Path json;

    @Override
    public Integer call() throws Exception {
        if (accounts < 1 || days < 1 || partitions < 1 || threads < 1 || latencySeconds < 1 || latencyRuns < 1) {
            throw new UserError("--accounts, --days, --partitions, --threads, --latency-seconds and --latency-runs must"
                    + " be at least 1");
        }
        for (String settings : latencyWith) {
            if (!settings.matches("[^=,]+=[^=,]+(,[^=,]+=[^=,]+)*")) {
                throw new UserError(
                        "--latency-with: expected SETTING=VALUE[,SETTING=VALUE...], got '" + settings + "'");
            }
        }
        List<BenchVariant> selected = selectedVariants();
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("healthstream-bench-");
        try (EmbeddedKafkaBroker broker = bootstrapServers == null ? EmbeddedKafkaBroker.start() : null;
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(0)) {
            Optional<EmbeddedKafkaBroker> ours = Optional.ofNullable(broker);
            Settings settings = Settings.of(Map.of(
                    "bootstrap.servers",
                    ours.map(EmbeddedKafkaBroker::bootstrapServers).orElse(bootstrapServers),
                    "schema.registry.url",
                    registry.url(),
                    "topics.input.retention.days",
                    "forever"));
            Path export = work.resolve("events.jsonl");
            long events = preload(settings, export, out);
            Run run = new Run(settings, ours, work, export, events);
            List<VariantResult> results = new ArrayList<>();
            for (BenchVariant variant : selected) {
                // Half the exactly-once engine's steady rate: loaded, with room to keep up.
                double latencyRate = variant == BenchVariant.LATENCY
                        ? results.get(results.size() - 1).steadyPerSecond() / 2
                        : 0;
                results.add(run.measure(variant, latencyRate, List.of(), out));
                if (variant == BenchVariant.LATENCY) {
                    for (int again = 2; again <= latencyRuns; again++) {
                        results.add(run.measure(variant, latencyRate, List.of(), out)
                                .named(variant.label() + " (run " + again + ")"));
                    }
                    for (String settingsOfRun : latencyWith) {
                        results.add(run.measure(variant, latencyRate, List.of(settingsOfRun.split(",")), out));
                    }
                }
            }
            BenchReport report = new BenchReport(
                    new BenchReport.Setup(accounts, days, seed, events, partitions, threads, heap), results);
            out.println();
            report.table().forEach(out::println);
            if (json != null) {
                report.writeJson(json);
                out.println("Figures written to " + json);
            }
            out.flush();
            return 0;
        } finally {
            Utils.delete(work.toFile());
        }
    }

    /** The variants asked for, in the order of {@link BenchVariant}, which runs engine-eos right before latency. */
    private List<BenchVariant> selectedVariants() {
        List<BenchVariant> selected = new ArrayList<>();
        for (String label : variants) {
            try {
                selected.add(BenchVariant.ofLabel(label.trim()));
            } catch (IllegalArgumentException e) {
                throw new UserError("--variants: " + e.getMessage() + "; choose from "
                        + Arrays.stream(BenchVariant.values())
                                .map(BenchVariant::label)
                                .toList());
            }
        }
        if (selected.contains(BenchVariant.LATENCY) && !selected.contains(BenchVariant.ENGINE_EOS)) {
            throw new UserError("--variants: latency runs at half the rate engine-eos measures; add engine-eos");
        }
        if (selected.contains(BenchVariant.RESTORE) && !selected.contains(BenchVariant.ENGINE_EOS)) {
            throw new UserError("--variants: restore restores the state engine-eos builds; add engine-eos");
        }
        return Arrays.stream(BenchVariant.values()).filter(selected::contains).toList();
    }

    /** Creates the topics, publishes the portfolio and writes the same events to {@code export} for the replay. */
    private long preload(Settings settings, Path export, PrintWriter out) throws Exception {
        try (Admin admin = ClusterPreflight.admin(settings)) {
            TopicProvisioner.createAll(
                    admin,
                    Optional.of(partitions),
                    bootstrapServers == null ? Optional.of((short) 1) : Optional.empty(),
                    settings.topicRetention());
            if (ConsumptionWatch.endOffsets(admin, Topics.INPUTS) > 0) {
                throw new UserError("the input topics at " + settings.bootstrapServers()
                        + " hold records already; bench needs them empty, to measure on its own input");
            }
            PortfolioSpec portfolio =
                    new PortfolioSpec(accounts, days, seed, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            out.printf(
                    "Preloading %d accounts x %d days (seed %d) into %s ...%n",
                    accounts, days, seed, settings.bootstrapServers());
            out.flush();
            try (PortfolioPublisher publisher =
                    new PortfolioPublisher(settings.kafkaClientProperties(), settings.schemaRegistryUrl())) {
                new PortfolioGenerator(
                                new PortfolioSimulation(portfolio), publisher, Pace.unlimited(), ProgressListener.NONE)
                        .run();
            }
            long exported = PortfolioExport.write(new PortfolioSimulation(portfolio), export);
            long events = ConsumptionWatch.endOffsets(admin, Topics.INPUTS);
            if (events != exported) {
                throw new IllegalStateException(
                        "the input topics hold " + events + " records, the export " + exported + " events");
            }
            out.printf("Preloaded %,d events%n", events);
            return events;
        }
    }

    /** Runs the variants of one bench in child JVMs against its cluster. */
    private final class Run {
        private final Settings settings;
        private final Optional<EmbeddedKafkaBroker> broker;
        private final Path work;
        private final Path export;
        private final long events;
        private final String id = UUID.randomUUID().toString().substring(0, 8);
        private int latencyRunsStarted;

        Run(Settings settings, Optional<EmbeddedKafkaBroker> broker, Path work, Path export, long events) {
            this.settings = settings;
            this.broker = broker;
            this.work = work;
            this.export = export;
            this.events = events;
        }

        /** {@code overrides}: settings that replace the variant's, for a latency run with other settings. */
        VariantResult measure(BenchVariant variant, double latencyRate, List<String> overrides, PrintWriter out)
                throws IOException, InterruptedException {
            out.printf("Running %s%s ...%n", variant.description(), overrides.isEmpty() ? "" : " with " + overrides);
            // Each latency run publishes events of its own: the same ids again would be dropped as duplicates.
            long runSeed = variant == BenchVariant.LATENCY ? seed + latencyRunsStarted++ : seed;
            out.flush();
            String name = variant.label() + (variant == BenchVariant.LATENCY ? "-" + latencyRunsStarted : "");
            Path result = work.resolve(name + ".json");
            Path log = work.resolve(name + ".log");
            // The latency run reuses the exactly-once engine's state, so that it starts caught up; the restore deletes
            // it.
            Path stateDir = work.resolve("state-" + variant.applicationId(id));
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap,
                    "-cp",
                    JvmClasspath.absolute(),
                    Main.class.getName(),
                    "bench-variant",
                    "--variant=" + variant.label(),
                    "--bootstrap-servers=" + settings.bootstrapServers(),
                    "--schema-registry-url=" + settings.schemaRegistryUrl(),
                    "--run=" + id,
                    "--state-dir=" + stateDir,
                    "--partitions=" + partitions,
                    "--threads=" + threads,
                    "--input-records=" + events,
                    "--accounts=" + accounts,
                    "--seed=" + runSeed,
                    "--export=" + export,
                    "--latency-rate=" + Math.max(1, latencyRate),
                    "--latency-seconds=" + latencySeconds,
                    "--result=" + result);
            List<String> withBroker = new ArrayList<>(command);
            overrides.forEach(override -> withBroker.add("--set=" + override));
            broker.ifPresent(ours -> withBroker.add("--broker-pid=" + ours.pid()));
            Process child = new ProcessBuilder(withBroker)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            int exit;
            try {
                exit = child.waitFor();
            } finally {
                child.destroy();
            }
            if (exit != 0) {
                throw new IllegalStateException(
                        variant.label() + " failed with exit code " + exit + "; its output ends with:\n" + tail(log));
            }
            return BenchReport.readResult(result);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
