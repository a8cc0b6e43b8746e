package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceClocksTest {
    private static final Instant WALL = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration IDLE_AFTER = Duration.ofHours(2);
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");

    @Test
    void watermarkIsTheSlowestPartitionsClock() {
        SourceClocks clocks = SourceClocks.expecting(2, WALL)
                .advance(0, MAY, WALL, IDLE_AFTER)
                .advance(1, MARCH, WALL, IDLE_AFTER);

        assertThat(clocks.watermark()).isEqualTo(MARCH);
    }

    @Test
    void partitionNotHeardFromYetHoldsTheWatermarkBack() {
        SourceClocks clocks = SourceClocks.expecting(2, WALL).advance(0, MAY, WALL, IDLE_AFTER);

        assertThat(clocks.watermark()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void idlePartitionHoldsNobodyBack() {
        SourceClocks clocks = SourceClocks.expecting(2, WALL)
                .advance(1, MARCH, WALL, IDLE_AFTER)
                .advance(0, MAY, WALL.plus(IDLE_AFTER), IDLE_AFTER);

        assertThat(clocks.watermark()).isEqualTo(MAY);
    }

    @Test
    void whenEveryPartitionIsIdleTheLatestClockCountsAndTheWallClockNever() {
        SourceClocks clocks = SourceClocks.expecting(2, WALL)
                .advance(0, MAY, WALL, IDLE_AFTER)
                .advance(1, MARCH, WALL, IDLE_AFTER)
                .advance(1, MARCH, WALL.plus(Duration.ofDays(60)), IDLE_AFTER);

        assertThat(clocks.watermark()).isEqualTo(MAY);
    }

    @Test
    void watermarkNeverGoesBack() {
        SourceClocks clocks = SourceClocks.expecting(1, WALL)
                .advance(0, MAY, WALL, IDLE_AFTER)
                .advance(1, MARCH, WALL, IDLE_AFTER);

        assertThat(clocks.watermark()).isEqualTo(MAY);
    }
}
