package io.healthstream.scoring.kpi;

import java.time.Duration;
import java.util.List;

/**
 * How portfolio KPIs are computed and published: period, grace for late events, emit interval of
 * the open period, optional gross margin (0-1) and CAC (minor units), strategy, the onboarding
 * steps that make an account activated, how long an account may stay past due before it counts as
 * churned, and the retention cost per touch tier. {@code grossMargin} and {@code cac} are null when
 * not set.
 */
public record KpiConfig(
        KpiPeriod period,
        Duration grace,
        Duration emitInterval,
        Double grossMargin,
        Long cac,
        KpiStrategy strategy,
        List<String> onboardingSteps,
        Duration pastDueChurnAfter,
        RetentionCosts retentionCosts) {
    /** The guide's rule: LTV should be at least three times CAC. */
    public static final double LTV_TO_CAC_TARGET = 3.0;
    /** The guide's rule: an LTV:CRC around 2:1 or lower means too much is spent on retention. */
    public static final double LTV_TO_CRC_FLOOR = 2.0;
    /** ChartMogul's default: past due for 30 days counts as churned. */
    public static final Duration DEFAULT_PAST_DUE_CHURN_AFTER = Duration.ofDays(30);

    public KpiConfig {
        onboardingSteps = List.copyOf(onboardingSteps);
    }

    /**
     * Monthly KPIs, two days of grace, one emission a minute, no margin or CAC, stability first, churn after
     * 30 days past due, no retention costs.
     */
    public static KpiConfig defaults(List<String> onboardingSteps) {
        return new KpiConfig(
                KpiPeriod.MONTH,
                Duration.ofDays(2),
                Duration.ofMinutes(1),
                null,
                null,
                KpiStrategy.STABILITY,
                onboardingSteps,
                DEFAULT_PAST_DUE_CHURN_AFTER,
                RetentionCosts.NONE);
    }
}
