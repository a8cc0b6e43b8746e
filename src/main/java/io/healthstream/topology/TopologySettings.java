package io.healthstream.topology;

import io.healthstream.scoring.ModelConfig;

import java.time.Duration;

/**
 * What the topology needs to know beyond the model: how long event ids are remembered for
 * duplicate detection and how often silent accounts are re-evaluated.
 */
public record TopologySettings(ModelConfig model, String modelVersion, Duration dedupRetention,
                               Duration punctuateInterval) {
}
