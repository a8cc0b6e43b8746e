package io.healthstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/test-summary, which ends ./scripts/test with how many tests ran. */
class TestSummaryScriptTest {
    @TempDir
    Path dir;

    private record Run(int status, String output) {}

    @Test
    @DisplayName("the summary adds up the surefire and failsafe reports")
    void countsEveryReport() throws Exception {
        report("surefire", "TEST-a.xml", 10, 0, 0);
        report("failsafe", "TEST-b.xml", 3, 1, 1);

        Run run = summary("false");

        assertThat(run.output()).contains("Tests: 11 passed, 1 failed, 1 skipped");
        assertThat(run.status()).isZero();
    }

    @Test
    @DisplayName("under CI=true a skipped test fails the run")
    void skippedTestFailsUnderCi() throws Exception {
        report("surefire", "TEST-a.xml", 4, 0, 1);

        Run run = summary("true");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).contains("1 tests skipped under CI=true");
    }

    @Test
    @DisplayName("no reports at all is an error, not zero tests passed")
    void noReportsIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("surefire"));

        assertThat(summary("false").status()).isEqualTo(1);
    }

    private void report(String kind, String name, int tests, int failures, int skipped) throws IOException {
        Path reports = Files.createDirectories(dir.resolve(kind));
        Files.writeString(reports.resolve(name), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite xmlns:xsi="x" name="n" time="1" tests="%d" errors="0" skipped="%d" failures="%d">
                </testsuite>
                """.formatted(tests, skipped, failures));
    }

    private Run summary(String ci) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        "scripts/test-summary",
                        dir.resolve("surefire").toString(),
                        dir.resolve("failsafe").toString())
                .redirectErrorStream(true);
        builder.environment().put("CI", ci);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
