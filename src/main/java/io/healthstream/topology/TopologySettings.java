package io.healthstream.topology;

import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.kpi.KpiConfig;

import java.time.Duration;

/**
 * What the topology needs to know beyond the model: how long event ids are remembered for
 * duplicate detection, how often silent accounts are re-evaluated, how portfolio KPIs are computed,
 * and how many partitions the input topics have, so that the KPI processor waits for every one of
 * them before it closes a period (it cannot learn of a partition until that sends something).
 */
public record TopologySettings(ModelConfig model, String modelVersion, Duration dedupRetention,
                               Duration punctuateInterval, KpiConfig kpis, int inputPartitions) {

    /** Default KPI settings and one input partition, for callers that only care about health scoring. */
    public TopologySettings(ModelConfig model, String modelVersion, Duration dedupRetention, Duration punctuateInterval) {
        this(model, modelVersion, dedupRetention, punctuateInterval, KpiConfig.defaults(model.onboardingSteps()), 1);
    }
}
