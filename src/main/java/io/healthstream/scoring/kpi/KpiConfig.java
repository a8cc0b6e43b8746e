package io.healthstream.scoring.kpi;

import java.time.Duration;
import java.util.List;

/**
 * How portfolio KPIs are computed and published: period, grace for late events, emit interval of
 * the open period, optional gross margin (0-1) and CAC (minor units), strategy and the onboarding
 * steps that make an account activated. {@code grossMargin} and {@code cac} are null when not set.
 */
public record KpiConfig(
        KpiPeriod period,
        Duration grace,
        Duration emitInterval,
        Double grossMargin,
        Long cac,
        KpiStrategy strategy,
        List<String> onboardingSteps) {
    /** The guide's rule: LTV should be at least three times CAC. */
    public static final double LTV_TO_CAC_TARGET = 3.0;

    public KpiConfig {
        onboardingSteps = List.copyOf(onboardingSteps);
    }

    /** Monthly KPIs, two days of grace, one emission a minute, no margin or CAC, stability first. */
    public static KpiConfig defaults(List<String> onboardingSteps) {
        return new KpiConfig(
                KpiPeriod.MONTH,
                Duration.ofDays(2),
                Duration.ofMinutes(1),
                null,
                null,
                KpiStrategy.STABILITY,
                onboardingSteps);
    }
}
