package io.healthstream.app;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.ProcessingListener;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.StreamsResetter;

/**
 * The two halves of a reset: Kafka's own {@link StreamsResetter} for what lives in the cluster (the same
 * tool as {@code kafka-streams-application-reset}), and {@link KafkaStreams#cleanUp()} for this host's state.
 */
final class ApplicationReset {
    // The format StreamsResetter's --to-datetime reads.
    private static final DateTimeFormatter RESETTER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(20);

    private final Settings settings;
    private final boolean dryRun;

    ApplicationReset(Settings settings, boolean dryRun) {
        this.settings = settings;
        this.dryRun = dryRun;
    }

    /**
     * Fails naming the active members of the application's consumer group: resetting under a running
     * instance would corrupt its state, and stopping instances is the operator's call, not ours.
     */
    void requireNoActiveMembers(Admin admin) {
        String group = settings.applicationId();
        try {
            Collection<MemberDescription> members = admin.describeConsumerGroups(Set.of(group))
                    .describedGroups()
                    .get(group)
                    .get(DESCRIBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .members();
            if (!members.isEmpty()) {
                throw new UserError(members.size() + " members of consumer group '" + group + "' are still active ("
                        + members.stream()
                                .map(MemberDescription::host)
                                .distinct()
                                .sorted()
                                .collect(Collectors.joining(", "))
                        + "); stop every instance of application.id " + group + " first (a stopped instance"
                        + " leaves the group once its session.timeout.ms has passed, 45 s by default)");
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new UserError("cannot describe consumer group '" + group + "': "
                        + e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            throw new UserError("describing consumer group '" + group + "' took longer than "
                    + DESCRIBE_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while describing consumer group '" + group + "'");
        }
    }

    /** Input offsets to the earliest (or to {@code from}), internal topics deleted; the tool prints what it does. */
    void offsetsAndInternalTopics(Optional<Instant> from) {
        Path clientConfig = clientConfigFile();
        try {
            List<String> args = new ArrayList<>(List.of(
                    "--application-id", settings.applicationId(),
                    "--bootstrap-server", settings.bootstrapServers(),
                    "--command-config", clientConfig.toString(),
                    "--input-topics", String.join(",", Topics.INPUTS)));
            from.ifPresentOrElse(
                    instant -> args.addAll(List.of("--to-datetime", RESETTER_TIME.format(instant))),
                    () -> args.add("--to-earliest"));
            if (dryRun) {
                args.add("--dry-run");
            }
            int status = new StreamsResetter().execute(args.toArray(String[]::new), clientProperties());
            if (status != 0) {
                throw new UserError("Kafka's application reset tool failed (exit status " + status
                        + "); its output above says why. Nothing else was reset.");
            }
        } finally {
            delete(clientConfig);
        }
    }

    /** Deletes this host's state directory of the application, as every instance must before its next start. */
    void localState(PrintWriter out) {
        Properties streamsConfig = settings.streamsProperties();
        Path stateDir = Path.of(new StreamsConfig(streamsConfig).getString(StreamsConfig.STATE_DIR_CONFIG))
                .resolve(settings.applicationId());
        if (dryRun) {
            out.println("Would delete the local state in " + stateDir + " (KafkaStreams#cleanUp)");
            return;
        }
        try (KafkaStreams streams = new KafkaStreams(
                HealthTopology.build(
                        settings.topology(), new AvroSerdes(settings.registry())::valueSerde, ProcessingListener.NONE),
                streamsConfig)) {
            streams.cleanUp();
        }
        out.println("Deleted the local state in " + stateDir + " (run reset, or delete it, on every host)");
    }

    /** The admin and consumer settings (security included) of the app's Kafka clients, none of the Streams-only ones. */
    private Properties clientProperties() {
        Properties clients = new Properties();
        settings.kafkaClientProperties().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key.toString())
                    || ConsumerConfig.configNames().contains(key.toString())) {
                clients.put(key, value);
            }
        });
        return clients;
    }

    /** The tool reads its admin client's settings from a file only; it may hold secrets, so only we can read it. */
    private Path clientConfigFile() {
        try {
            Path file = Files.createTempFile(
                    "healthstream-reset",
                    ".properties",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file)) {
                clientProperties().store(writer, "healthstream reset: Kafka client settings, deleted after the reset");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reset tool's client settings", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
