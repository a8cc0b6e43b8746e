package io.healthstream.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code healthstream topics}: topic administration. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Manages healthstream's topics.",
        subcommands = TopicsCommand.Create.class)
final class TopicsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code healthstream topics create}: creates every input, output and dead-letter topic, idempotently. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description =
                    "Creates the input, output, KPI and dead-letter topics. Existing topics are reported and left as they are.")
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(
                names = "--config",
                required = true,
                paramLabel = "FILE",
                description = "Properties file with bootstrap.servers and Kafka security settings.")
        private Path config;

        @Option(names = "--partitions", paramLabel = "N", description = "Partitions per topic (default: the broker's).")
        private Integer partitions;

        @Option(
                names = "--replication-factor",
                paramLabel = "R",
                description = "Replication factor (default: the broker's).")
        private Short replicationFactor;

        @Override
        public Integer call() {
            if (partitions != null && partitions < 1 || replicationFactor != null && replicationFactor < 1) {
                throw new UserError("--partitions and --replication-factor must be at least 1");
            }
            Settings settings = Settings.load(config, System.getenv());
            ClusterPreflight.requireBroker(settings);
            try (Admin admin = ClusterPreflight.admin(settings)) {
                TopicRetention retention = settings.topicRetention();
                TopicProvisioner.Outcome outcome = TopicProvisioner.createAll(
                        admin, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor), retention);
                PrintWriter out = spec.commandLine().getOut();
                outcome.created()
                        .forEach(topic ->
                                out.println("created  " + topic + " (keeps " + retention.describe(topic) + ")"));
                Map<String, Duration> tooShort = TopicProvisioner.shortInputRetention(admin, retention);
                outcome.existing()
                        .forEach(topic -> out.println("exists   " + topic
                                + (tooShort.containsKey(topic)
                                        ? " (keeps " + tooShort.get(topic).toDays() + " days, less than the "
                                                + retention.describe(topic) + " healthstream needs: raise its"
                                                + " retention.ms)"
                                        : "")));
                out.flush();
            }
            return 0;
        }
    }
}
