package io.healthstream.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void halfwayAfterTenSecondsShowsRateAndTenSecondsLeft() {
        assertThat(ProgressBar.render(45, 90, 100_000, Duration.ofSeconds(10)))
                .startsWith("[###############...............] day 45/90")
                .contains("100,000 events", "10,000 ev/s", "ETA 0:10");
    }
}
