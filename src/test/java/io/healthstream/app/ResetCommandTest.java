package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code healthstream reset}'s user mistakes: one line and exit status 2, before any broker is contacted. */
class ResetCommandTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("--to-datetime that is not an ISO-8601 instant is one line naming the option")
    void badDatetimeIsOneLine() throws Exception {
        StringWriter err = new StringWriter();

        int status = execute(err, "reset", "--config", config().toString(), "--to-datetime", "yesterday");

        assertThat(status).isEqualTo(Main.USAGE_ERROR);
        assertThat(err.toString().strip())
                .isEqualTo("healthstream: --to-datetime: 'yesterday' is not an ISO-8601 instant such as"
                        + " 2026-11-01T00:00:00Z");
    }

    @Test
    @DisplayName("--to-earliest and --to-datetime together are refused")
    void onePositionOnly() throws Exception {
        StringWriter err = new StringWriter();

        int status = execute(
                err,
                "reset",
                "--config",
                config().toString(),
                "--to-earliest",
                "--to-datetime",
                "2026-11-01T00:00:00Z");

        assertThat(status).isEqualTo(Main.USAGE_ERROR);
        assertThat(err.toString()).contains("mutually exclusive").doesNotContain("Exception");
    }

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("app.properties"), "bootstrap.servers=127.0.0.1:9\n");
    }

    private static int execute(StringWriter err, String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
