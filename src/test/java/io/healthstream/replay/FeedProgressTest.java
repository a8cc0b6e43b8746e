package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FeedProgressTest {
    private final List<String> lines = new ArrayList<>();

    @Test
    @DisplayName("one line each time the events fed pass another tenth, the last when all are fed")
    void aLinePerTenth() {
        FeedProgress progress = new FeedProgress(100_000, lines::add, Duration.ZERO, System.nanoTime());
        progress.read();
        for (int chunk = 0; chunk < 20; chunk++) {
            progress.fed(5_000);
        }

        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).startsWith("read 100,000 events in ");
        assertThat(lines.get(1)).startsWith("replayed 10,000 of 100,000 events (");
        assertThat(lines.get(10))
                .startsWith("replayed 100,000 of 100,000 events (")
                .endsWith(" events/s)");
    }

    @Test
    @DisplayName("a chunk that passes several tenths at once gives one line")
    void aLargeChunkGivesOneLine() {
        FeedProgress progress = new FeedProgress(1_000, lines::add, Duration.ZERO, System.nanoTime());
        progress.fed(950);
        progress.fed(50);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("replayed 950 of 1,000 events");
    }

    @Test
    @DisplayName("nothing is said before the quiet time has passed: a short replay prints no progress")
    void quietAtFirst() {
        FeedProgress progress = new FeedProgress(1_000, lines::add, Duration.ofMinutes(10), System.nanoTime());
        progress.read();
        progress.fed(1_000);

        assertThat(lines).isEmpty();
    }
}
