package io.healthstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsumptionWatchTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    @DisplayName("the steady rate runs from the sample that passed 10 % to the one that passed 90 % of the input")
    void steadyBetweenTenAndNinetyPercent() {
        List<ConsumptionWatch.Sample> samples = List.of(
                new ConsumptionWatch.Sample(0, 0),
                new ConsumptionWatch.Sample(5 * SECOND, 50), // slow start: group join, warm-up
                new ConsumptionWatch.Sample(6 * SECOND, 150),
                new ConsumptionWatch.Sample(8 * SECOND, 550),
                new ConsumptionWatch.Sample(10 * SECOND, 950),
                new ConsumptionWatch.Sample(20 * SECOND, 1_000)); // slow tail

        assertThat(ConsumptionWatch.steadyRate(samples, 1_000)).isCloseTo(200.0, within(1e-9));
    }

    @Test
    @DisplayName("rate and CPU share one window: from the sample past 10 % to the one past 90 % of the input")
    void cpuOverTheSteadyWindow() {
        List<ConsumptionWatch.Sample> samples = List.of(
                new ConsumptionWatch.Sample(0, 0, 0, 0),
                new ConsumptionWatch.Sample(SECOND, 100, 3 * SECOND, SECOND),
                new ConsumptionWatch.Sample(2 * SECOND, 900, 5 * SECOND, 2 * SECOND),
                new ConsumptionWatch.Sample(3 * SECOND, 1_000, 9 * SECOND, 3 * SECOND));

        ConsumptionWatch.Sample[] window = ConsumptionWatch.steadyWindow(samples, 1_000);

        assertThat(window).extracting(ConsumptionWatch.Sample::committed).containsExactly(100L, 900L);
    }

    @Test
    @DisplayName("an input so small that one sample covers it is rated over the whole run")
    void tinyInputOverTheWholeRun() {
        List<ConsumptionWatch.Sample> samples =
                List.of(new ConsumptionWatch.Sample(0, 0), new ConsumptionWatch.Sample(4 * SECOND, 20));

        assertThat(ConsumptionWatch.steadyRate(samples, 20)).isCloseTo(5.0, within(1e-9));
    }
}
