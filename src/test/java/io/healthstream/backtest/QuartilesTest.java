package io.healthstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuartilesTest {
    @Test
    @DisplayName("lead times 4, 1, 3, 2 days: ranks 0.75, 1.5, 2.25 of 1 2 3 4 give 1.75, 2.5, 3.25")
    void interpolatesBetweenTheClosestRanks() {
        assertThat(Quartiles.of(List.of(4.0, 1.0, 3.0, 2.0))).contains(new Quartiles(1.75, 2.5, 3.25));
    }

    @Test
    @DisplayName("one value is every quartile; none gives none")
    void oneValueOrNone() {
        assertThat(Quartiles.of(List.of(10.0))).contains(new Quartiles(10, 10, 10));
        assertThat(Quartiles.of(List.of())).isEmpty();
    }
}
