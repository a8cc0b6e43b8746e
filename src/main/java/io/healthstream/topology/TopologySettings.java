package io.healthstream.topology;

import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.Segments;
import io.healthstream.scoring.kpi.KpiConfig;
import java.time.Duration;

/**
 * What the topology needs to know beyond the model and its segments: how often stream time is checked for accounts due
 * a time-based re-evaluation, how portfolio KPIs are computed, how many partitions the input topics
 * have (the KPI ledger waits for every one of them before it closes a period: it cannot learn of a
 * partition until that sends something), the limits an input event must keep, how many accounts a
 * task keeps decoded in memory beside its store, how long each account's score history is kept, and the
 * application id (which names healthstream's own topics).
 */
public record TopologySettings(
        Segments segments,
        String modelVersion,
        Duration punctuateInterval,
        KpiConfig kpis,
        int inputPartitions,
        InputLimits limits,
        int accountCacheSize,
        Duration historyRetention,
        String applicationId) {
    /** The application id of callers that do not set one. */
    public static final String DEFAULT_APPLICATION_ID = "healthstream";
    /** Stream time between two looks for accounts due a re-evaluation, unless configured. */
    public static final Duration DEFAULT_PUNCTUATE_INTERVAL = Duration.ofHours(1);
    /** Accounts a task keeps decoded, unless configured: a few tens of MB of heap per task for the default model. */
    public static final int DEFAULT_ACCOUNT_CACHE_SIZE = 2_000;
    /** Days of score history kept per account, unless configured: over a year, so a renewal can look back a year. */
    public static final int DEFAULT_HISTORY_RETENTION_DAYS = 400;

    /** Default KPI settings, limits and one input partition, for callers that only care about health scoring. */
    public static TopologySettings of(ModelConfig model, String modelVersion) {
        return new TopologySettings(
                Segments.none(model),
                modelVersion,
                DEFAULT_PUNCTUATE_INTERVAL,
                KpiConfig.defaults(model.onboardingSteps()),
                1,
                InputLimits.DEFAULTS,
                DEFAULT_ACCOUNT_CACHE_SIZE,
                Duration.ofDays(DEFAULT_HISTORY_RETENTION_DAYS),
                DEFAULT_APPLICATION_ID);
    }

    /** The base model, the one of accounts no segment takes. */
    public ModelConfig model() {
        return segments.base();
    }
}
