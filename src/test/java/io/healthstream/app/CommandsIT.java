package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run} and {@code topics create} against a real broker that starts without any topic. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandsIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    /** What a command printed and returned. */
    private record Result(int exitCode, String out, String err) {}

    @Test
    @Order(1)
    void runWithoutTopicsStopsWithOneLineNamingThem() throws IOException {
        Result result = execute("run", "--config", config().toString());

        assertThat(result.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(result.err())
                .startsWith("healthstream: missing topics subscription-events, usage-events")
                .contains("healthstream topics create")
                .hasLineCount(1);
    }

    @Test
    @Order(2)
    void topicsCreateCreatesEveryTopicThenReportsThemAsExisting() throws IOException {
        Result first = execute(
                "topics", "create", "--config", config().toString(), "--partitions", "2", "--replication-factor", "1");
        Result second = execute("topics", "create", "--config", config().toString());

        assertThat(first.exitCode()).isZero();
        assertThat(first.out().lines())
                .hasSize(TopicProvisioner.ALL_TOPICS.size())
                .allMatch(l -> l.startsWith("created"));
        assertThat(first.out())
                .contains(
                        "created  usage-events (keeps 91 days)",
                        "created  saas-kpis (keeps 91 days)",
                        "created  healthstream-dlq (keeps 30 days)");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out().lines())
                .hasSize(TopicProvisioner.ALL_TOPICS.size())
                .allMatch(l -> l.startsWith("exists"));
    }

    @Test
    @Order(3)
    void runWithInputPartitionsOtherThanTheTopicsStopsWithOneLine() throws IOException {
        Result result = execute("run", "--config", config().toString());

        assertThat(result.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(result.err())
                .startsWith("healthstream: input.partitions is 1 but the input topics have 2 partitions:")
                .endsWith("set input.partitions=2" + System.lineSeparator())
                .hasLineCount(1);
    }

    @Test
    @Order(4)
    void runWithAnUnreachableRegistryWaitsThenStopsWithOneLine() throws IOException {
        Path config = dir.resolve("no-registry.properties");
        Files.writeString(
                config,
                "bootstrap.servers=" + KAFKA.bootstrapServers() + "\nschema.registry.url=http://127.0.0.1:1\n"
                        + "schema.registry.startup.timeout=3s\nhttp.bind=127.0.0.1\nhttp.port=0\ninput.partitions=2\n"
                        + "kafka.state.dir=" + dir.resolve("no-registry-state") + "\n");

        Result result = execute("run", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(Main.USAGE_ERROR);
        assertThat(result.err())
                .startsWith("healthstream: cannot reach the schema registry at http://127.0.0.1:1 within 3s (")
                .hasLineCount(1);
    }

    private Path config() throws IOException {
        Path config = dir.resolve("app.properties");
        Files.writeString(
                config,
                "bootstrap.servers=" + KAFKA.bootstrapServers() + "\nschema.registry.url=" + registry.url()
                        + "\napplication.id=commands-it\nkafka.state.dir=" + dir.resolve("state") + "\n");
        return config;
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
