package io.healthstream.scoring.kpi;

import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.TouchModel;
import java.time.Duration;
import java.util.List;

/** The KPI configuration and paying accounts the revenue rules' tests work with. */
final class RevenueFixtures {
    private RevenueFixtures() {}

    /** The default KPI settings with {@code period}, {@code kpis.gross-margin} and the retention costs. */
    static KpiConfig config(KpiPeriod period, Double grossMargin, RetentionCosts costs) {
        KpiConfig defaults = KpiConfig.defaults(List.of());
        return new KpiConfig(
                period,
                defaults.grace(),
                defaults.emitInterval(),
                grossMargin,
                null,
                defaults.strategy(),
                defaults.onboardingSteps(),
                Duration.ofDays(30),
                costs);
    }

    /** An active USD account paying {@code mrr} a month in {@code touch}. */
    static AccountSnapshot paying(long mrr, TouchModel touch) {
        return new AccountSnapshot("USD", BillingStatus.ACTIVE, mrr, null, false, false, touch, null, 0, null);
    }
}
