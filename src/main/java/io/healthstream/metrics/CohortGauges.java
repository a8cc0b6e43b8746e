package io.healthstream.metrics;

import io.healthstream.scoring.kpi.CohortCell;
import io.healthstream.scoring.kpi.CohortMrr;
import io.healthstream.scoring.kpi.PortfolioFigures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The cohort table as gauges: NRR and GRR per currency, signup month and age, from every monthly KPI record
 * published (open or final), so a dashboard can draw the whole table. A cohort's gauges go once it is no
 * longer followed (older than 12 months), which bounds them at 13 x 13 per currency.
 */
final class CohortGauges {
    static final String NRR = "healthstream.cohort.nrr.percent";
    static final String GRR = "healthstream.cohort.grr.percent";

    private record Cell(String currency, YearMonth cohort, int age) {
        Tags tags() {
            return Tags.of("currency", currency, "cohort", cohort.toString(), "age", Integer.toString(age));
        }
    }

    private final MeterRegistry registry;
    private final Map<Cell, CohortCell> latest = new ConcurrentHashMap<>();

    CohortGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(PortfolioFigures kpis) {
        for (CohortCell cell : kpis.revenue().cohorts()) {
            Cell key =
                    new Cell(kpis.currency(), YearMonth.from(cell.cohort().atZone(ZoneOffset.UTC)), cell.ageMonths());
            if (latest.put(key, cell) == null) {
                gauge(NRR, key, CohortCell::nrrPct, "Net MRR retention of a signup cohort at an age in months, %");
                gauge(GRR, key, CohortCell::grrPct, "Gross MRR retention of a signup cohort at an age in months, %");
            }
        }
        YearMonth oldestFollowed =
                YearMonth.from(kpis.period().start().atZone(ZoneOffset.UTC)).minusMonths(CohortMrr.MONTHS_FOLLOWED);
        latest.keySet().stream()
                .filter(key ->
                        key.currency().equals(kpis.currency()) && key.cohort().isBefore(oldestFollowed))
                .toList()
                .forEach(this::forget);
    }

    private void gauge(String name, Cell key, Function<CohortCell, Double> value, String description) {
        Gauge.builder(name, latest, cells -> {
                    CohortCell cell = cells.get(key);
                    Double ratio = cell == null ? null : value.apply(cell);
                    return ratio == null ? Double.NaN : ratio;
                })
                .description(description)
                .tags(key.tags())
                .strongReference(true)
                .register(registry);
    }

    private void forget(Cell key) {
        latest.remove(key);
        for (String name : new String[] {NRR, GRR}) {
            Meter meter = registry.find(name).tags(key.tags()).gauge();
            if (meter != null) {
                registry.remove(meter);
            }
        }
    }
}
