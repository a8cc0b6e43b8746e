package io.healthstream.app;

import io.healthstream.replay.Replayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code healthstream replay}: the topology over an export of events, without a broker. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs the health topology in-process over a JSON-lines file of events and writes every output "
                + "topic to DIR/<topic>.jsonl (plus healthstream-dlq.jsonl).",
                "Each input line: {\"topic\": \"usage-events\", \"value\": {...}} with the Avro field names."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Events, one JSON object per line.")
    private Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for the output files.")
    private Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with model settings.")
    private Path config;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new UserError("input file not found: " + input);
        }
        Settings settings = Settings.load(config, System.getenv());
        Replayer.Summary summary = new Replayer(settings).replay(input, output);
        System.out.printf("Replayed %d events into %s: %s, %d dead-lettered%n", summary.events(), output,
                summary.outputs(), summary.deadLetters());
        return 0;
    }
}
