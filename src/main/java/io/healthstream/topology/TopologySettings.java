package io.healthstream.topology;

import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.kpi.KpiConfig;

import java.time.Duration;

/**
 * What the topology needs to know beyond the model: how long event ids are remembered for
 * duplicate detection, how often silent accounts are re-evaluated, and how portfolio KPIs are computed.
 */
public record TopologySettings(ModelConfig model, String modelVersion, Duration dedupRetention,
                               Duration punctuateInterval, KpiConfig kpis) {

    /** Default KPI settings, for callers that only care about health scoring. */
    public TopologySettings(ModelConfig model, String modelVersion, Duration dedupRetention, Duration punctuateInterval) {
        this(model, modelVersion, dedupRetention, punctuateInterval, KpiConfig.defaults(model.onboardingSteps()));
    }
}
