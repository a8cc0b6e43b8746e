package io.healthstream.scoring;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Score = w_usage x U + w_billing x B + w_support x S + w_nps x N, banded, explained and actioned.
 * The drivers are the weighted points of each component, largest effect first, so they add up to the
 * score (within rounding); a component worth 0 points takes no slot.
 */
public final class HealthScorer {
    /**
     * The weighted sum is rounded to 9 decimals before banding: in binary floating point 0.3 x 100 is
     * 30.000000000000004, which would put a score of exactly 70 in GREEN instead of YELLOW.
     */
    private static final double EXACT = 1e9;

    private final ModelConfig config;

    public HealthScorer(ModelConfig config) {
        this.config = config;
    }

    /** A score before it is explained: enough to decide whether anything is worth publishing. */
    public record Score(
            double exact,
            Band band,
            TouchModel touch,
            ComponentScore usage,
            ComponentScore billing,
            ComponentScore support,
            ComponentScore nps) {
        /** The score as published, rounded to 2 decimals. */
        public double rounded() {
            return Points.round2(exact);
        }
    }

    public Score score(AccountState state, Instant now) {
        return score(state, now, UsageValues.of(state.usage(), now, config.usage()));
    }

    /** The score with the usage values already summed for this assessment. */
    Score score(AccountState state, Instant now, UsageValues values) {
        ComponentScore usage = UsageScore.compute(state, values, config);
        ComponentScore billing = BillingScore.compute(state, now, config);
        ComponentScore support = SupportScore.compute(state, config);
        ComponentScore nps = NpsScore.compute(state, now, config);
        ModelConfig.Weights w = config.weights();
        double sum = w.usage() * usage.value()
                + w.billing() * billing.value()
                + w.support() * support.value()
                + w.nps() * nps.value();
        double exact = Math.rint(sum * EXACT) / EXACT;
        return new Score(
                exact,
                Band.of(exact, config.bands()),
                TouchModel.of(state.subscription().tierMrr(), config.touch()),
                usage,
                billing,
                support,
                nps);
    }

    public HealthAssessment assess(AccountState state, Instant now) {
        return explain(score(state, now));
    }

    /** The score with its components, drivers and recommended action. */
    public HealthAssessment explain(Score score) {
        ModelConfig.Weights w = config.weights();
        List<Driver> drivers = Stream.of(
                        score.usage().driver(w.usage()),
                        score.billing().driver(w.billing()),
                        score.support().driver(w.support()),
                        score.nps().driver(w.nps()))
                .map(d -> new Driver(d.component(), d.message(), Points.round2(d.points())))
                .filter(d -> d.points() != 0)
                .sorted(Comparator.comparingDouble((Driver d) -> Math.abs(d.points()))
                        .reversed())
                .toList();
        Components components = new Components(
                Points.round2(score.usage().value()),
                Points.round2(score.billing().value()),
                Points.round2(score.support().value()),
                Points.round2(score.nps().value()));
        return new HealthAssessment(
                score.exact(),
                score.rounded(),
                score.band(),
                components,
                drivers,
                score.touch(),
                Playbook.forBand(score.band(), score.touch()),
                Stream.of(score.usage(), score.billing(), score.support(), score.nps())
                        .collect(Collectors.toMap(ComponentScore::component, ComponentScore::why)));
    }
}
