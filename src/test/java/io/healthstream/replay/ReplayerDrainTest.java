package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.testsupport.OutputLines;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay writes outputs as it goes and sorts its input in spilled runs; where it drains the driver and how
 * many runs it spills must not change what it writes.
 */
class ReplayerDrainTest {
    private static final Path EXAMPLE = Path.of("examples/events.jsonl");

    @TempDir
    Path out;

    @Test
    @DisplayName("draining the driver every two events writes exactly what draining once at the end writes")
    void drainingOftenChangesNothing() throws IOException {
        Settings settings = Settings.of(Map.of("usage.expected.plan.pro", "100", "usage.impact.report_exported", "5"));
        for (EventOrder order : EventOrder.values()) {
            Path often = out.resolve(order.label() + "-often");
            Path once = out.resolve(order.label() + "-once");
            ReplaySummary drainedOften = new Replayer(
                            settings.topology(), settings.streamsProperties(), 2, Long.MAX_VALUE)
                    .replay(EXAMPLE, often, order);
            ReplaySummary drainedOnce = new Replayer(
                            settings.topology(), settings.streamsProperties(), Integer.MAX_VALUE, Long.MAX_VALUE)
                    .replay(EXAMPLE, once, order);

            assertThat(drainedOften).isEqualTo(drainedOnce);
            assertThat(OutputLines.of(once.resolve(Replayer.HISTORY_FILE)))
                    .as("every scored account's history")
                    .isNotEmpty();
            for (String file : outputFiles()) {
                assertThat(OutputLines.of(often.resolve(file)))
                        .as(order + " " + file)
                        .isEqualTo(OutputLines.of(once.resolve(file)));
            }
        }
    }

    @Test
    @DisplayName(
            "spilling every event to a run of its own writes exactly what one in-memory run writes, and leaves no file")
    void spillingChangesNothing() throws IOException {
        Settings settings = Settings.of(Map.of("usage.expected.plan.pro", "100", "usage.impact.report_exported", "5"));
        for (EventOrder order : EventOrder.values()) {
            Path spilled = out.resolve(order.label() + "-spilled");
            Path inMemory = out.resolve(order.label() + "-in-memory");
            ReplaySummary spilledSummary = new Replayer(settings.topology(), settings.streamsProperties(), 5_000, 1)
                    .replay(EXAMPLE, spilled, order);
            ReplaySummary inMemorySummary = new Replayer(
                            settings.topology(), settings.streamsProperties(), 5_000, Long.MAX_VALUE)
                    .replay(EXAMPLE, inMemory, order);

            assertThat(spilledSummary).isEqualTo(inMemorySummary);
            for (String file : outputFiles()) {
                assertThat(OutputLines.of(spilled.resolve(file)))
                        .as(order + " " + file)
                        .isEqualTo(OutputLines.of(inMemory.resolve(file)));
            }
            try (Stream<Path> left = Files.list(spilled)) {
                assertThat(left.map(path -> path.getFileName().toString()))
                        .containsExactlyInAnyOrderElementsOf(outputFiles());
            }
        }
    }

    private static List<String> outputFiles() {
        List<String> files =
                new ArrayList<>(Topics.OUTPUTS.stream().map(t -> t + ".jsonl").toList());
        files.add(Topics.DEAD_LETTER + ".jsonl");
        files.add(Replayer.SUMMARY_FILE);
        files.add(Replayer.HISTORY_FILE);
        return files;
    }
}
