package io.healthstream.serde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command to completion with a deadline, keeping its stdout and stderr under
 * {@code target/commands/} for debugging, and fails with stderr if it fails.
 */
final class CommandRunner {
    private static final Path OUTPUT_DIR = Path.of("target", "commands");

    private final Path workingDir;
    private final Duration timeout;

    CommandRunner(Path workingDir, Duration timeout) {
        this.workingDir = workingDir;
        this.timeout = timeout;
    }

    /** The command's stdout; {@code name} names the output files. */
    String run(String name, List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(OUTPUT_DIR);
        Path stdout = OUTPUT_DIR.resolve(name + ".out");
        Path stderr = OUTPUT_DIR.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                    + "; output in " + stdout.toAbsolutePath());
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
