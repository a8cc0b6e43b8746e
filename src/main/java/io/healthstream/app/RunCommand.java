package io.healthstream.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code healthstream run}: the health topology against an existing Kafka cluster, until SIGTERM/SIGINT. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the health topology against an existing Kafka cluster until stopped (SIGTERM/Ctrl-C).",
            "Checks first that the broker answers and that every topic exists, then waits for the schema registry.",
        })
final class RunCommand implements Callable<Integer> {
    /** Exit status when the engine stopped because a stream thread failed. */
    static final int ENGINE_FAILED = 1;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description =
                    "Properties file: bootstrap.servers, schema.registry.url, kafka.* and security settings, model keys.")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = Settings.load(config, System.getenv());
        ClusterPreflight.requireBroker(settings);
        try (Engine engine = Engine.start(settings)) {
            return engine.awaitTermination() ? ENGINE_FAILED : 0;
        }
    }
}
