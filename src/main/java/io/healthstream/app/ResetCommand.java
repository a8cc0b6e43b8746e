package io.healthstream.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code healthstream reset}: the application reset flow of Kafka Streams, for reprocessing after a model
 * change. Refuses while any member of the application's consumer group is active, then runs Kafka's own
 * reset tool (input offsets back, internal topics deleted) and deletes this host's local state.
 */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = {
            "Resets the application so the next start recomputes every score from the input topics:",
            "input offsets go back (to the earliest by default), the internal topics (changelogs, repartition)",
            "are deleted and so is this host's local state. Output topics are left as they are.",
            "Stop every instance first: it refuses while members of the consumer group are active."
        })
final class ResetCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "Properties file of the instances: application.id, bootstrap.servers, security, state.dir.")
    private Path config;

    @ArgGroup(exclusive = true)
    private Position position;

    @Option(names = "--dry-run", description = "Print what would be reset and change nothing.")
    private boolean dryRun;

    /** Where the input offsets go back to; exactly one of the two, earliest when neither is given. */
    static final class Position {
        @Option(names = "--to-earliest", description = "Reprocess the input from its earliest offsets (the default).")
        boolean earliest;

        @Option(
                names = "--to-datetime",
                paramLabel = "T",
                description =
                        "Reprocess the input from the first record at or after T (ISO-8601, e.g. 2026-11-01T00:00:00Z).")
        String datetime;
    }

    @Override
    public Integer call() {
        Settings settings = Settings.load(config, System.getenv());
        Optional<Instant> from =
                Optional.ofNullable(position).map(p -> p.datetime).map(ResetCommand::instant);
        ClusterPreflight.requireBroker(settings);
        ApplicationReset reset = new ApplicationReset(settings, dryRun);
        try (Admin admin = ClusterPreflight.admin(settings)) {
            reset.requireNoActiveMembers(admin);
        }
        PrintWriter out = spec.commandLine().getOut();
        reset.offsetsAndInternalTopics(from);
        reset.localState(out);
        out.println((dryRun ? "Dry run: nothing was changed. " : "Reset done. ")
                + "Start the instances again: every score is recomputed from the input topics.");
        out.flush();
        return 0;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserError(
                    "--to-datetime: '" + text + "' is not an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }
}
