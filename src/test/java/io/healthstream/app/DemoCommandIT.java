package io.healthstream.app;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The quickstart itself: {@code java -jar target/healthstream.jar demo} as a child process. */
class DemoCommandIT {
    private static final Pattern BAND_LINE = Pattern.compile("^\\s+(THRIVING|GREEN|YELLOW|RED)\\s+(\\d+).*");
    private static final Pattern SIGNAL_TYPES = Pattern.compile("^Signal types so far: (\\d+) of.*");
    private static final Duration SHOW_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    /** What the latest summaries showed, as the output streams by. */
    private static final class Screen {
        private final Map<String, Long> bands = new HashMap<>();
        private int signalTypes;
        private final StringBuilder transcript = new StringBuilder();

        synchronized void read(String line) {
            transcript.append(line).append('\n');
            Matcher band = BAND_LINE.matcher(line);
            if (band.matches()) {
                bands.put(band.group(1), Long.parseLong(band.group(2)));
            }
            Matcher types = SIGNAL_TYPES.matcher(line);
            if (types.matches()) {
                signalTypes = Integer.parseInt(types.group(1));
            }
        }

        synchronized boolean showsEverything() {
            return bands.size() == 4 && bands.values().stream().allMatch(count -> count > 0) && signalTypes >= 5;
        }

        synchronized String transcript() {
            return transcript.toString();
        }
    }

    @Test
    @DisplayName("the demo shows all four bands and five signal types, then stops cleanly on SIGTERM")
    void demoShowsEveryBandAndStopsCleanly() throws Exception {
        Path jar = Path.of("target", "healthstream.jar");
        assertThat(jar).as("built by the package phase").exists();
        Process demo = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "demo", "--accounts", "200")
                .redirectErrorStream(true).start();
        Screen screen = new Screen();
        Thread reader = new Thread(() -> readAll(demo, screen), "demo-output");
        reader.start();
        Instant started = Instant.now();
        try {
            Instant deadline = started.plus(SHOW_DEADLINE);
            while (!screen.showsEverything() && demo.isAlive() && Instant.now().isBefore(deadline)) {
                demo.waitFor(500, TimeUnit.MILLISECONDS);
            }
            assertThat(screen.showsEverything()).as("the summary after %s s:%n%s",
                    Duration.between(started, Instant.now()).toSeconds(), screen.transcript()).isTrue();
            List<ProcessHandle> children = demo.descendants().toList();
            assertThat(children).as("the broker runs as a child JVM").isNotEmpty();

            demo.destroy();
            assertThat(demo.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("demo stopped in 30 s").isTrue();
            assertThat(children).as("no child process outlives the demo").noneMatch(ProcessHandle::isAlive);
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
            reader.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private static void readAll(Process process, Screen screen) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            lines.lines().forEach(screen::read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
