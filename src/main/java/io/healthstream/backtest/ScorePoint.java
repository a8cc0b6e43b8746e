package io.healthstream.backtest;

import io.healthstream.scoring.Band;
import io.healthstream.scoring.Components;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.TouchModel;
import java.time.Instant;

/**
 * One published health score of an account: its as_of, score, band, touch tier, unweighted components and
 * the segment whose model scored it.
 */
public record ScorePoint(
        Instant asOf, double score, Band band, TouchModel tier, Components components, String segment) {
    /** As HealthScorer does: the weighted sum to 9 decimals decides the band, 2 decimals are published. */
    private static final double EXACT = 1e9;

    /** The same moment scored by other weights and bands, from the components the record carries. */
    ScorePoint rescored(ModelConfig.Weights weights, ModelConfig.Bands bands) {
        double sum = weights.usage() * components.usage()
                + weights.billing() * components.billing()
                + weights.support() * components.support()
                + weights.nps() * components.nps();
        double exact = Math.rint(sum * EXACT) / EXACT;
        return new ScorePoint(asOf, Math.round(exact * 100) / 100.0, Band.of(exact, bands), tier, components, segment);
    }
}
