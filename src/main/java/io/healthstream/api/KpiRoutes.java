package io.healthstream.api;

import io.healthstream.avro.PortfolioKpis;
import io.healthstream.query.LatestKpis;
import io.healthstream.serde.JsonAvro;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code GET /kpis/{period}}: the latest PortfolioKpis records of a period, one per currency. */
final class KpiRoutes {
    // The period labels of PortfolioKpis: 2026-11, 2026-W47, 2026-Q4, all-time.
    private static final Pattern PERIOD =
            Pattern.compile("all-time|\\d{4}-(0[1-9]|1[0-2])|\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])" + "|\\d{4}-Q[1-4]");

    private final LatestKpis kpis;

    KpiRoutes(LatestKpis kpis) {
        this.kpis = kpis;
    }

    ApiResponse period(String period) {
        if (!PERIOD.matcher(period).matches()) {
            throw new ApiException(
                    400, "period must look like 2026-11, 2026-W47, 2026-Q4 or all-time, got '" + period + "'");
        }
        List<PortfolioKpis> records = kpis.of(period);
        if (records.isEmpty()) {
            return ApiResponse.error(
                    404, "no KPI record for period " + period + " on topic " + LatestKpis.TOPIC + " (yet)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", period);
        body.put("records", records.stream().map(JsonAvro::write).toList());
        return ApiResponse.json(200, body);
    }
}
