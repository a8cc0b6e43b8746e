package io.healthstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.KpiStrategy;
import io.healthstream.scoring.kpi.Levels;
import io.healthstream.scoring.kpi.PortfolioFigures;
import io.healthstream.scoring.kpi.TierCounts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenPeriodKpisTest {
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OpenPeriodKpis gauges = new OpenPeriodKpis(registry);

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void showsTheOpenPeriodsMovementsAndRatiosPerCurrency() {
        gauges.published(kpis("2026-03", MARCH, "USD", false, 100_000, 112_000, 96.5, 2.0));

        assertThat(gauge(OpenPeriodKpis.MRR, "currency", "USD", "movement", "start"))
                .isEqualTo(100_000);
        assertThat(gauge(OpenPeriodKpis.MRR, "currency", "USD", "movement", "end"))
                .isEqualTo(112_000);
        assertThat(gauge(OpenPeriodKpis.NRR, "currency", "USD")).isEqualTo(96.5);
        assertThat(gauge(OpenPeriodKpis.CHURN_RATE, "currency", "USD")).isEqualTo(2.0);
    }

    @Test
    void aNewerPeriodReplacesTheShownOneAndFinalOrOlderRecordsDoNot() {
        gauges.published(kpis("2026-04", APRIL, "USD", false, 112_000, 115_000, 101.0, 1.0));
        gauges.published(kpis("2026-03", MARCH, "USD", false, 100_000, 112_000, 96.5, 2.0));
        gauges.published(kpis("2026-04", APRIL, "USD", true, 1, 1, 1.0, 1.0));

        assertThat(gauge(OpenPeriodKpis.MRR, "currency", "USD", "movement", "end"))
                .isEqualTo(115_000);
    }

    @Test
    void anUndefinedRatioReadsNaN() {
        gauges.published(kpis("2026-03", MARCH, "EUR", false, 0, 5_000, null, null));
        assertThat(gauge(OpenPeriodKpis.NRR, "currency", "EUR")).isNaN();
        assertThat(gauge(OpenPeriodKpis.CHURN_RATE, "currency", "EUR")).isNaN();
    }

    private static PortfolioFigures kpis(
            String period,
            Instant start,
            String currency,
            boolean isFinal,
            long mrrStart,
            long mrrEnd,
            Double nrr,
            Double churn) {
        return new PortfolioFigures(
                new KpiPeriod.Period(period, start, start.plusSeconds(86_400L * 30)),
                currency,
                isFinal,
                new Levels(10, mrrStart, TierCounts.ZERO, Map.of()),
                new Levels(11, mrrEnd, TierCounts.ZERO, Map.of()),
                1,
                0,
                0,
                Map.of(),
                churn,
                mrrEnd - mrrStart,
                0,
                0,
                0,
                0,
                nrr,
                nrr,
                false,
                null,
                null,
                null,
                null,
                null,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                KpiStrategy.STABILITY,
                new PortfolioFigures.RevenueDepth(0, 0, true, null, null, null, List.of()),
                List.of(),
                start);
    }
}
