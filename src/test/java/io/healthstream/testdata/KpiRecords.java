package io.healthstream.testdata;

import io.healthstream.avro.PortfolioKpis;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** PortfolioKpis records as the KPI ledger publishes them, for tests that read saas-kpis. */
public final class KpiRecords {
    private KpiRecords() {}

    /** An open USD period of ten accounts, one churned, ending at {@code mrrEnd}. */
    public static PortfolioKpis kpis(String period, long mrrEnd, Instant computedAt) {
        return PortfolioKpis.newBuilder()
                .setPeriod(period)
                .setCurrency("USD")
                .setFinal$(false)
                .setAccountsStart(10)
                .setAccountsNew(0)
                .setAccountsChurned(1)
                .setAccountsReactivated(0)
                .setAccountsEnd(9)
                .setChurnedByReason(Map.of("PRICE", 1L))
                .setChurnRatePct(10.0)
                .setMrrStart(mrrEnd)
                .setMrrNew(0)
                .setMrrExpansion(0)
                .setMrrContraction(0)
                .setMrrChurned(0)
                .setMrrReactivation(0)
                .setMrrEnd(mrrEnd)
                .setNegativeChurn(false)
                .setNpsPromoters(9)
                .setNpsPassives(0)
                .setNpsDetractors(1)
                .setStrategy("STABILITY")
                .setHeadline(List.of("churn_rate_pct", "sessions_per_day", "nrr_pct"))
                .setNotes(List.of())
                .setComputedAt(computedAt)
                .build();
    }
}
