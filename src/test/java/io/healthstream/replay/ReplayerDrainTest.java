package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.testsupport.OutputLines;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay writes outputs as it goes; where it drains the driver must not change what it writes. */
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
            ReplaySummary drainedOften =
                    new Replayer(settings.topology(), settings.streamsProperties(), 2).replay(EXAMPLE, often, order);
            ReplaySummary drainedOnce = new Replayer(
                            settings.topology(), settings.streamsProperties(), Integer.MAX_VALUE)
                    .replay(EXAMPLE, once, order);

            assertThat(drainedOften).isEqualTo(drainedOnce);
            List<String> files = new ArrayList<>(
                    Topics.OUTPUTS.stream().map(t -> t + ".jsonl").toList());
            files.add(Topics.DEAD_LETTER + ".jsonl");
            files.add(Replayer.SUMMARY_FILE);
            files.add(Replayer.HISTORY_FILE);
            assertThat(OutputLines.of(once.resolve(Replayer.HISTORY_FILE)))
                    .as("every scored account's history")
                    .isNotEmpty();
            for (String file : files) {
                assertThat(OutputLines.of(often.resolve(file)))
                        .as(order + " " + file)
                        .isEqualTo(OutputLines.of(once.resolve(file)));
            }
        }
    }
}
