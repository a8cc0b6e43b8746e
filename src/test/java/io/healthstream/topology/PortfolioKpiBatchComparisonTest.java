package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.PortfolioKpis;
import io.healthstream.topology.testdata.KpiExpectations;
import io.healthstream.topology.testdata.RandomPortfolio;
import io.healthstream.topology.testdata.TopologyHarness;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The proof of issue 6: the streaming {@code final} records for six months of a generated portfolio,
 * with duplicates and out-of-order events, equal an independent batch calculation field by field.
 */
class PortfolioKpiBatchComparisonTest {
    private static List<SpecificRecord> events;
    private static Map<String, PortfolioKpis> streamed;

    @BeforeAll
    static void streamTheGeneratedPortfolio() {
        events = RandomPortfolio.generate(20_260_101L, 320);
        streamed = new TreeMap<>();
        try (TopologyHarness run = new TopologyHarness(KpiExpectations.SETTINGS, RandomPortfolio.FROM)) {
            run.sendAll(events, 200);
            run.kpis().stream()
                    .filter(kv -> kv.value.getFinal$())
                    .forEach(kv -> assertThat(streamed.put(kv.key, kv.value))
                            .as("second final for " + kv.key)
                            .isNull());
        }
    }

    @Test
    void portfolioHasSixMonthsOfAtLeastTwentyThousandEventsWithDuplicatesLateArrivalsAndDelinquency() {
        Set<String> ids = new HashSet<>();
        long duplicates = 0;
        long outOfOrder = 0;
        long intoTheNextMonth = 0;
        Instant latest = Instant.MIN;
        for (SpecificRecord event : events) {
            GenericRecord fields = (GenericRecord) event;
            Instant at = (Instant) fields.get("occurred_at");
            duplicates += ids.add(fields.get("event_id").toString()) ? 0 : 1;
            if (at.isBefore(latest)) {
                outOfOrder++;
                intoTheNextMonth +=
                        YearMonth.from(latest.atZone(ZoneOffset.UTC)).isAfter(YearMonth.from(at.atZone(ZoneOffset.UTC)))
                                ? 1
                                : 0;
            } else {
                latest = at;
            }
        }

        assertThat(events).hasSizeGreaterThanOrEqualTo(20_000);
        assertThat(duplicates).isGreaterThan(100);
        assertThat(outOfOrder).isGreaterThan(100);
        assertThat(intoTheNextMonth).isPositive();
        assertThat(streamed.keySet()).contains("2026-01/USD", "2026-06/USD", "2026-01/EUR", "2026-06/EUR");
        // The revenue rules have something to compare: delinquent churn, reactivation, cohorts of several ages.
        assertThat(streamed.values()).anyMatch(kpis -> kpis.getAccountsChurnedInvoluntary() > 0);
        assertThat(streamed.values()).anyMatch(kpis -> kpis.getMrrReactivation() > 0);
        assertThat(streamed.values()).anyMatch(kpis -> kpis.getCohorts().size() >= 3);
    }

    @Test
    @DisplayName("every final record equals the batch calculation: money exactly, ratios to 1e-9")
    void finalRecordsEqualTheBatchCalculationFieldByField() {
        Map<String, PortfolioKpis> expected = KpiExpectations.batch(events);

        assertThat(streamed.keySet()).isEqualTo(expected.keySet());
        for (String key : expected.keySet()) {
            KpiExpectations.assertSameFields(key, streamed.get(key), expected.get(key));
        }
    }
}
