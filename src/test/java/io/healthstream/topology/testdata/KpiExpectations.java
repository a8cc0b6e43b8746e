package io.healthstream.topology.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.healthstream.avro.PortfolioKpis;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The batch comparison shared by the TopologyTestDriver test and the partitioned IT: the settings
 * both stream with, the batch calculator's answer for them, and the field-by-field check (money
 * exactly, ratios to 1e-9).
 */
public final class KpiExpectations {
    /** Streaming settings matching {@link #batch(List)}. */
    public static final Map<String, String> SETTINGS = Map.of(
            "kpis.gross-margin", "0.8",
            "kpis.cac", "50000",
            "kpis.strategy", "PROFITABILITY",
            // Re-scoring silent accounts hourly adds nothing to KPIs and only slows the replay down.
            "health.punctuate.interval", "1d");

    private static final double TOLERANCE = 1e-9;

    private KpiExpectations() {}

    /** The batch calculator's final records, January to June, keyed {@code <yyyy-MM>/<currency>}. */
    public static Map<String, PortfolioKpis> batch(List<SpecificRecord> events) {
        return new BatchKpiCalculator(
                        RandomPortfolio.ONBOARDING_STEPS,
                        0.8,
                        50_000,
                        "PROFITABILITY",
                        List.of("mrr_expansion", "ltv_to_cac", "nrr_pct"))
                .compute(events, YearMonth.of(2026, 6));
    }

    public static void assertSameFields(String key, PortfolioKpis actual, PortfolioKpis expected) {
        for (Schema.Field field : PortfolioKpis.getClassSchema().getFields()) {
            String name = field.name();
            Object got = actual.get(field.pos());
            Object want = expected.get(field.pos());
            String what = key + " " + name;
            switch (name) {
                case "computed_at", "as_of" -> assertThat(got).as(what).isNotNull();
                case "notes" ->
                    assertThat(fieldsNamedIn(actual.getNotes())).as(what).isEqualTo(new TreeSet<>(expected.getNotes()));
                default -> {
                    if (want instanceof Double d) {
                        assertThat((Double) got)
                                .as(what)
                                .isNotNull()
                                .isCloseTo(d, within(TOLERANCE * Math.max(1, Math.abs(d))));
                    } else {
                        assertThat(got).as(what).isEqualTo(want);
                    }
                }
            }
        }
    }

    /** Each note starts with the name of the field it explains. */
    private static Set<String> fieldsNamedIn(List<String> notes) {
        Set<String> fields = new TreeSet<>();
        notes.forEach(note -> fields.add(note.substring(0, note.indexOf(' '))));
        return fields;
    }
}
