package io.healthstream.app;

import io.healthstream.replay.EventOrder;
import io.healthstream.replay.ReplaySummary;
import io.healthstream.replay.Replayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code healthstream replay}: the topology over an export of events, without a broker. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the health topology in-process over a JSON-lines file of events and writes every output "
                    + "topic to DIR/<topic>.jsonl, the dead letters to DIR/healthstream-dlq.jsonl and a summary to "
                    + "DIR/summary.json.",
            "Each input line: {\"topic\": \"usage-events\", \"value\": {...}} with the Avro field names."
        })
final class ReplayCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Events, one JSON object per line.")
    private Path input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Directory for the output files; created if missing.")
    private Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with model settings.")
    private Path config;

    @Option(
            names = "--order",
            paramLabel = "time|arrival",
            defaultValue = "time",
            converter = OrderConverter.class,
            description = {
                "time (default): the file is a history; every event is applied in occurred_at order, "
                        + "file order breaking ties.",
                "arrival: each topic's lines keep file order, as a partition keeps its log, and the topics "
                        + "merge by event time, as a live run reads them; earlier events after later ones may be late."
            })
    private EventOrder order;

    @Override
    public Integer call() throws IOException {
        CommandFiles.requireInputFile(input);
        Settings settings = Settings.load(config, System.getenv());
        CommandFiles.prepareOutputDir(output);
        PrintWriter err = spec.commandLine().getErr();
        ReplaySummary summary = new Replayer(settings.topology(), settings.streamsProperties())
                .replay(input, output, order, line -> {
                    err.println("replay: " + line);
                    err.flush();
                });

        PrintWriter out = spec.commandLine().getOut();
        out.printf("Replayed %s into %s, in %s order:%n", input, output, order.label());
        summary.table().forEach(out::println);
        out.printf("Summary written to %s%n", output.resolve(Replayer.SUMMARY_FILE));
        out.flush();
        if (order == EventOrder.ARRIVAL && summary.linesOutOfOrder() > 0) {
            err.printf(
                    "healthstream: warning: %d %s an occurred_at earlier than a line above of the same topic "
                            + "(first: line %d); in arrival order such events reach the engine after later ones, as "
                            + "they would live, and may count as late; --order time replays the file as a history%n",
                    summary.linesOutOfOrder(),
                    summary.linesOutOfOrder() == 1 ? "line has" : "lines have",
                    summary.firstOutOfOrderLine().orElseThrow());
            err.flush();
        }
        return 0;
    }

    /** {@code time} or {@code arrival}, in any case. */
    static final class OrderConverter implements CommandLine.ITypeConverter<EventOrder> {
        @Override
        public EventOrder convert(String value) {
            try {
                return EventOrder.ofLabel(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
