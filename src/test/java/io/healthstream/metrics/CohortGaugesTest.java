package io.healthstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.kpi.CohortMrr;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.Levels;
import io.healthstream.scoring.kpi.PeriodTally;
import io.healthstream.scoring.kpi.PortfolioFigures;
import io.healthstream.scoring.kpi.TierCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CohortGaugesTest {
    private static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CohortGauges gauges = new CohortGauges(registry);

    /** The figures of the month of {@code at}, the January cohort having started at 15 000 and paying {@code mrr}, capped {@code gross}. */
    private static PortfolioFigures month(Instant at, long mrr, long gross) {
        Levels start = new Levels(2, mrr, TierCounts.ZERO, Map.of(JANUARY, new CohortMrr(15_000, mrr, gross)));
        return PortfolioFigures.of(
                PeriodTally.empty(KpiPeriod.MONTH.of(at), "USD"), start, KpiConfig.defaults(List.of()), false, at);
    }

    private Gauge gauge(String name, String age) {
        return registry.find(name)
                .tags("currency", "USD", "cohort", "2026-01", "age", age)
                .gauge();
    }

    @Test
    void eachCohortAndAgeHasItsNrrAndGrr() {
        gauges.published(month(Instant.parse("2026-03-10T00:00:00Z"), 12_000, 10_000));

        // 12 000 / 15 000 = 80 %; 10 000 / 15 000 = 66.67 %.
        assertThat(gauge(CohortGauges.NRR, "2").value()).isEqualTo(80.0);
        assertThat(gauge(CohortGauges.GRR, "2").value())
                .isCloseTo(66.666_667, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void cohortOlderThanTwelveMonthsIsForgotten() {
        gauges.published(month(Instant.parse("2026-03-10T00:00:00Z"), 12_000, 10_000));

        gauges.published(month(Instant.parse("2027-02-10T00:00:00Z"), 0, 0));

        assertThat(gauge(CohortGauges.NRR, "2")).isNull();
        assertThat(gauge(CohortGauges.GRR, "2")).isNull();
    }
}
